/** The Gmail adapter bundle (`sites/gmail.js`), injected only into pages Gmail's probe claimed. */
import { provideAdapter } from './adapter-slot';
import { createGmailAdapter } from './gmail';

provideAdapter(createGmailAdapter());
