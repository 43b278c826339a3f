/** The Yahoo Mail adapter bundle (`sites/yahoo.js`), injected only into pages Yahoo's probe claimed. */
import { provideAdapter } from './adapter-slot';
import { createYahooAdapter } from './yahoo';

provideAdapter(createYahooAdapter());
