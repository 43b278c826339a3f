/** Re-renders a component whenever the frame guard's facts change (armed, covered). */
import { useEffect, useState } from 'preact/hooks';
import { frameGuard, type FrameGuard } from './visibility-guard';

export function useGuard(): FrameGuard {
  const [, setRound] = useState(0);
  const guard = frameGuard();
  useEffect(() => guard.subscribe(() => setRound((n) => n + 1)), [guard]);
  return guard;
}
