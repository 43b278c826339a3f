/** The Roundcube adapter bundle (`sites/roundcube.js`), injected only into pages Roundcube's probe claimed. */
import { provideAdapter } from './adapter-slot';
import browser from 'webextension-polyfill';
import { createRoundcubeAdapter } from './roundcube';

provideAdapter(createRoundcubeAdapter(undefined, (key, subs) => browser.i18n.getMessage(key, subs)));
