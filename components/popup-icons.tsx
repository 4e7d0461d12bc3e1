/** Small inline icons for the popup (no remote images). Decorative: the buttons that hold them carry the name. */

const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': 1.6,
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
  'aria-hidden': 'true',
  focusable: 'false',
} as const;

export function SearchIcon() {
  return (
    <svg {...common} class="icon">
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.5 10.5 14 14" />
    </svg>
  );
}

export function BackIcon() {
  return (
    <svg {...common} class="icon">
      <path d="M10 3 5 8l5 5" />
    </svg>
  );
}

/** A target: "show it on the page". */
export function LocateIcon() {
  return (
    <svg {...common} class="icon">
      <circle cx="8" cy="8" r="4.5" />
      <circle cx="8" cy="8" r="1.2" fill="currentColor" stroke="none" />
      <path d="M8 1v2.2M8 12.8V15M1 8h2.2M12.8 8H15" />
    </svg>
  );
}

export function ChevronIcon() {
  return (
    <svg {...common} class="icon icon-chevron">
      <path d="M6 3.5 10.5 8 6 12.5" />
    </svg>
  );
}

export function NotesIcon() {
  return (
    <svg {...common} class="icon">
      <path d="M4 2h6l3 3v9H4z" />
      <path d="M6.5 8h4M6.5 10.5h4" />
    </svg>
  );
}
