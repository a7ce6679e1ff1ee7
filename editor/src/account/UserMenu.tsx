import { useEffect, useId, useRef, useState } from 'react';
import { hrefOf } from '../App';
import { useSession } from '../auth/session-context';
import { ChangePasswordDialog } from './ChangePasswordDialog';

/** The signed-in person's name and role; opens a menu with change password, API tokens and sign out. */
export function UserMenu() {
  const { user, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={root}>
      <button type="button" className="user-menu-button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        <span className="user-menu-name">{user.username}</span>
        <span className="user-menu-role">{user.role}</span>
      </button>
      {open && (
        <ul id={menuId} className="user-menu-list" aria-label="Account">
          <li>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                setChangingPassword(true);
              }}
            >
              Change password
            </button>
          </li>
          <li>
            <a href={hrefOf({ page: 'tokens' })} onClick={() => setOpen(false)}>
              API tokens
            </a>
          </li>
          <li>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </li>
        </ul>
      )}
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </div>
  );
}
