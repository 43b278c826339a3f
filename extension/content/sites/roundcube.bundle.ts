/** The Roundcube adapter bundle (`sites/roundcube.js`), injected only into pages Roundcube's probe claimed. */
import { provideAdapter } from './adapter-slot';
import { createRoundcubeAdapter } from './roundcube';

provideAdapter(createRoundcubeAdapter());
