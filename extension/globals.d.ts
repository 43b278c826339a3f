/** Build-time constants, replaced by webpack's DefinePlugin. */
/** True only in `npm start` development builds: verbose logging. Never true in a production build. */
declare const __LOCKPANE_DEV__: boolean;
/** True only in the e2e test build (dist/test/*): grants loopback host access up front. */
declare const __LOCKPANE_TEST__: boolean;
