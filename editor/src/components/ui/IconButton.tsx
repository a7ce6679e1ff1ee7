import type { ButtonHTMLAttributes, ReactNode } from 'react';
import './ui.css';

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'children'> {
  /** Read by screen readers and shown as the tooltip: say what it does and to what ("Delete Order summary"). */
  label: string;
  icon: ReactNode;
}

/**
 * A square button that shows only an icon; `label` becomes its accessible name and its tooltip.
 *
 * @example
 * <IconButton label={`Delete ${flow.name}`} icon={<TrashIcon />} onClick={askToDelete} />
 */
export function IconButton({ label, icon, className, ...rest }: IconButtonProps) {
  return (
    <button type="button" aria-label={label} title={label} className={`ui-icon-button ${className ?? ''}`.trim()} {...rest}>
      {icon}
    </button>
  );
}
