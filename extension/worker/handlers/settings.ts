import type { HandlerMap } from '../router';
import type { Services } from '../services';

export function settingsHandlers(s: Services): Pick<HandlerMap, 'settings.indicator' | 'settings.setIndicator'> {
  return {
    'settings.indicator': async () => s.indicator.get(),
    'settings.setIndicator': async (req) => s.indicator.set({ phrase: req.phrase, color: req.color.toLowerCase() }),
  };
}
