/** Every handler of the catalogue, from the worker's services (exhaustive: a missing one does not compile). */
import { backupHandlers } from './handlers/backup';
import { certificateDetailHandlers } from './handlers/certificate-details';
import { discoveryHandlers } from './handlers/discovery';
import { editorHandlers } from './handlers/editor';
import { keyConflictHandlers } from './handlers/key-conflicts';
import { keyManageHandlers } from './handlers/key-manage';
import { keyHandlers } from './handlers/keys';
import { readerHandlers } from './handlers/reader';
import { settingsHandlers } from './handlers/settings';
import { settingsPolicyHandlers } from './handlers/settings-policy';
import { siteHandlers } from './handlers/sites';
import { trustRootHandlers } from './handlers/trust-roots';
import { workerHandlers } from './handlers/worker';
import type { HandlerMap } from './router';
import type { Services } from './services';

export function allHandlers(services: Services): HandlerMap {
  return {
    ...workerHandlers(services),
    ...siteHandlers(services),
    ...readerHandlers(services),
    ...settingsHandlers(services),
    ...keyHandlers(services),
    ...editorHandlers(services),
    ...keyManageHandlers(services),
    ...keyConflictHandlers(services),
    ...certificateDetailHandlers(services),
    ...trustRootHandlers(services),
    ...backupHandlers(services),
    ...settingsPolicyHandlers(services),
    ...discoveryHandlers(services),
  };
}
