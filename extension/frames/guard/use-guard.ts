/** Re-renders a component whenever the frame guard's facts change (armed, covered). */
import { useLayoutEffect, useState } from 'preact/hooks';
import { frameGuard, type FrameGuard } from './visibility-guard';

export function useGuard(): FrameGuard {
  const [, setRound] = useState(0);
  const guard = frameGuard();
  useLayoutEffect(() => {
    const off = guard.subscribe(() => setRound((n) => n + 1));
    setRound((n) => n + 1); // a change between the first render and this subscription is not missed
    return off;
  }, [guard]);
  return guard;
}
