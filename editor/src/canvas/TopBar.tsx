import { hrefOf } from '../App';

interface TopBarProps {
  /** A viewer's bar: the name cannot be edited, and there is no save, undo, redo, layout or active switch to use. */
  readOnly: boolean;
  name: string;
  onRename(name: string): void;
  dirty: boolean;
  active: boolean;
  busy: 'saving' | 'activating' | undefined;
  canUndo: boolean;
  canRedo: boolean;
  onSave(): void;
  onToggleActive(): void;
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onFitView(): void;
}

/** Back to the flows, the flow's name, unsaved marker, save, active switch and view tools. */
export function TopBar(props: TopBarProps) {
  const { name, dirty, active, busy } = props;
  return (
    <header className="canvas-topbar">
      <a href={hrefOf({ page: 'flows' })} className="back-link">
        ← Flows
      </a>
      <label className="visually-hidden" htmlFor="flow-name">
        Flow name
      </label>
      <input id="flow-name" className="flow-name" value={name} readOnly={props.readOnly} onChange={(event) => props.onRename(event.target.value)} />
      {dirty && (
        <span className="unsaved-marker" role="status">
          Unsaved changes
        </span>
      )}
      <div className="topbar-tools" role="toolbar" aria-label="Flow tools">
        {!props.readOnly && (
          <>
            <button type="button" onClick={props.onUndo} disabled={!props.canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl/⌘+Z)">
              Undo
            </button>
            <button type="button" onClick={props.onRedo} disabled={!props.canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Shift+Ctrl/⌘+Z)">
              Redo
            </button>
            <button type="button" onClick={props.onLayout}>
              Auto-layout
            </button>
          </>
        )}
        <button type="button" onClick={props.onFitView}>
          Fit view
        </button>
      </div>
      <label className="active-toggle">
        <input type="checkbox" role="switch" checked={active} disabled={busy !== undefined || props.readOnly} onChange={props.onToggleActive} />
        Active
      </label>
      {props.readOnly ? (
        <span className="read-only-badge">read-only: viewer</span>
      ) : (
        <button type="button" className="primary" onClick={props.onSave} disabled={busy !== undefined} aria-keyshortcuts="Control+S">
          {busy === 'saving' ? 'Saving…' : 'Save'}
        </button>
      )}
    </header>
  );
}
