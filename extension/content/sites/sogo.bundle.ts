/** The SOGo adapter bundle (`sites/sogo.js`), injected only into pages SOGo's probe claimed. */
import { provideAdapter } from './adapter-slot';
import { createSogoAdapter } from './sogo';

provideAdapter(createSogoAdapter());
