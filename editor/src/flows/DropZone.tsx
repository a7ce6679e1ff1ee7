import { UploadIcon } from '../components/ui';

/** Covers the page while files are dragged over it, saying that dropping them imports them. */
export function DropZone() {
  return (
    <div className="flows-drop-zone" aria-hidden="true">
      <div className="flows-drop-zone-box">
        <UploadIcon />
        <p>Drop flow files here to import them</p>
      </div>
    </div>
  );
}
