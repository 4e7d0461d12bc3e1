/**
 * "Open note" over a passage the researcher wrote a note on. It holds buttons only: the note's text is
 * never written into the page (page scripts could read it), it opens in Backstory's own pages.
 */
export interface NoteBarProps {
  /** The notes on the passage under the pointer (the first three get a button). */
  ids: readonly string[];
  onOpen(id: string): void;
}

export function NoteBar({ ids, onOpen }: NoteBarProps) {
  return (
    <div class="bar" role="toolbar" aria-label="Backstory note">
      {ids.slice(0, 3).map((id, i) => (
        <button
          key={id}
          type="button"
          title="Show this note in Backstory"
          onClick={(event) => {
            event.stopPropagation();
            onOpen(id);
          }}
        >
          {ids.length > 1 ? `Open note ${i + 1}` : 'Open note'}
        </button>
      ))}
    </div>
  );
}
