/**
 * Small UI pieces shared by the editor's pages; each is documented in its own file.
 * Colours come from the variables in editor/src/styles.css.
 */
export { Alert, type AlertProps } from './Alert';
export { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog';
export { Dialog, type DialogProps } from './Dialog';
export { EmptyState, type EmptyStateProps } from './EmptyState';
export { FormDialog, type FormDialogProps } from './FormDialog';
export { IconButton, type IconButtonProps } from './IconButton';
export * from './icons';
export { LoadState } from './LoadState';
export { messageOf } from './message-of';
export { PageHeader } from './PageHeader';
export { Switch, type SwitchProps } from './Switch';
export { TextField, type TextFieldProps } from './TextField';
export { Toasts, useToasts, type Toast } from './Toasts';
export { useDialogAction } from './useDialogAction';
export { useLoaded, type Loaded } from './useLoaded';
