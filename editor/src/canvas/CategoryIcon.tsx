import type { NodeCategory } from '../api/types';

const paths: Record<NodeCategory, string> = {
  trigger: 'M9 2 4 9h4l-1 5 5-7H8l1-5Z',
  transform: 'M3 5h7l-2-2M13 11H6l2 2',
  logic: 'M3 8h4l3-4h3M7 8l3 4h3',
  action: 'M4 3l9 5-9 5V3Z',
};

/** The glyph of a node category (drawn, not an emoji), coloured by the category's CSS variable. */
export function CategoryIcon({ category }: { category: NodeCategory }) {
  return (
    <svg className={`category-icon category-${category}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={paths[category]} fill={category === 'trigger' || category === 'action' ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export const categoryLabels: Record<NodeCategory, string> = {
  trigger: 'Trigger',
  transform: 'Transform',
  logic: 'Logic',
  action: 'Action',
};
