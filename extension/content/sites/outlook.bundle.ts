/** The Outlook on the web adapter bundle (`sites/outlook.js`), injected only into pages Outlook's probe claimed. */
import { provideAdapter } from './adapter-slot';
import { createOutlookAdapter } from './outlook';

provideAdapter(createOutlookAdapter());
