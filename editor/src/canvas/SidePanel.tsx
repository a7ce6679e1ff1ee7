import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface SidePanelTab {
  id: string;
  label: string;
  content: ReactNode;
}

/** The right-hand panel: tabs (arrow keys move between them) over the selected tab's content. */
export function SidePanel({ tabs }: { tabs: readonly SidePanelTab[] }) {
  const [current, setCurrent] = useState(tabs[0]?.id);
  const base = useId();
  const shown = tabs.find((tab) => tab.id === current) ?? tabs[0];
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const by = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!by) return;
    const next = tabs[(index + by + tabs.length) % tabs.length]!;
    setCurrent(next.id);
    document.getElementById(`${base}-tab-${next.id}`)?.focus();
  };
  return (
    <aside className="side-panel" aria-label="Node and flow panel">
      <div role="tablist" className="side-tabs" aria-label="Panel">
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            id={`${base}-tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={tab.id === shown?.id}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={tab.id === shown?.id ? 0 : -1}
            onClick={() => setCurrent(tab.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {shown && (
        <div role="tabpanel" id={`${base}-panel-${shown.id}`} aria-labelledby={`${base}-tab-${shown.id}`} className="side-panel-body">
          {shown.content}
        </div>
      )}
    </aside>
  );
}
