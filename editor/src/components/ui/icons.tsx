import type { ReactNode } from 'react';

/** A 16×16 line icon; decorative, so the button around it must carry an `aria-label`. */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="ui-icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const CloseIcon = () => (
  <Icon>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
);

export const CopyIcon = () => (
  <Icon>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-7a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h1" />
  </Icon>
);

export const PencilIcon = () => (
  <Icon>
    <path d="M11 2.5l2.5 2.5L6 12.5 3 13l.5-3L11 2.5z" />
  </Icon>
);

export const DuplicateIcon = () => (
  <Icon>
    <rect x="2" y="2" width="8" height="8" rx="1.5" />
    <path d="M6 14h6.5a1.5 1.5 0 0 0 1.5-1.5V6" />
  </Icon>
);

export const DownloadIcon = () => (
  <Icon>
    <path d="M8 2v8M4.5 7L8 10.5 11.5 7M2.5 13.5h11" />
  </Icon>
);

export const TrashIcon = () => (
  <Icon>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.8 6.5v4.5M9.2 6.5v4.5" />
  </Icon>
);

export const UploadIcon = () => (
  <Icon>
    <path d="M8 11V3M4.5 6L8 2.5 11.5 6M2.5 13.5h11" />
  </Icon>
);

export const PlusIcon = () => (
  <Icon>
    <path d="M8 3v10M3 8h10" />
  </Icon>
);
