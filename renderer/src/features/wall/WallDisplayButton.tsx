// The console's "Wall display" button: shows this incident in the war-room layout.
import { useUi } from '../../core/ui-store';

export function WallDisplayButton() {
  const setWallDisplay = useUi((s) => s.setWallDisplay);
  return <button type="button" onClick={() => setWallDisplay(true)} title="Shortcut: w">Wall display</button>;
}
