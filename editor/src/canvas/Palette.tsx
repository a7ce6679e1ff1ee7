import { memo, useId, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { NodeCategory, NodeType } from '../api/types';
import { CategoryIcon, categoryLabels } from './CategoryIcon';
import { nodeTypeMime } from './FlowCanvas';

const categories: NodeCategory[] = ['trigger', 'transform', 'logic', 'action'];

interface PaletteProps {
  nodeTypes: readonly NodeType[];
  /** Enter (or a click) on an item adds it at the centre of the view. */
  onAdd(type: string): void;
  /** A viewer's palette: it says why nothing can be added instead of listing the node types. */
  readOnly: boolean;
}

/** The node types, grouped by category and searchable; drag one onto the canvas or press Enter on it. */
function PaletteView({ nodeTypes, onAdd, readOnly }: PaletteProps) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const words = query.trim().toLowerCase();
  const shown = nodeTypes.filter((type) => !words || `${type.label} ${type.description}`.toLowerCase().includes(words));

  if (readOnly) {
    return (
      <aside className="palette" aria-label="Node palette">
        <p className="palette-hint">Read-only: your role (viewer) can look at this flow and its executions, not change it.</p>
      </aside>
    );
  }

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(nodeTypeMime, type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const onKeyDown = (event: KeyboardEvent, type: string) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onAdd(type);
  };

  return (
    <aside className="palette" aria-label="Node palette">
      <label htmlFor={searchId} className="visually-hidden">
        Search nodes
      </label>
      <input id={searchId} type="search" className="palette-search" placeholder="Search nodes" value={query} onChange={(event) => setQuery(event.target.value)} />
      <p className="palette-hint">Drag a node onto the canvas, or focus it and press Enter.</p>
      {shown.length === 0 && <p className="palette-empty">No node matches “{query}”.</p>}
      {categories.map((category) => {
        const items = shown.filter((type) => type.category === category);
        if (items.length === 0) return null;
        return (
          <section key={category} className="palette-group" aria-labelledby={`${searchId}-${category}`}>
            <h2 id={`${searchId}-${category}`} className={`palette-heading category-${category}`}>
              {categoryLabels[category]}
            </h2>
            <ul className="palette-items">
              {items.map((type) => (
                <li
                  key={type.type}
                  className={`palette-item category-${category}`}
                  draggable
                  tabIndex={0}
                  role="button"
                  aria-label={`Add ${type.label}: ${type.description}`}
                  data-node-type={type.type}
                  onDragStart={(event) => onDragStart(event, type.type)}
                  onKeyDown={(event) => onKeyDown(event, type.type)}
                  onDoubleClick={() => onAdd(type.type)}
                >
                  <span className="palette-item-title">
                    <CategoryIcon category={category} />
                    {type.label}
                  </span>
                  <span className="palette-item-description">{type.description}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}

export const Palette = memo(PaletteView);
