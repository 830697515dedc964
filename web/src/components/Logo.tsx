/** Corridor's mark: a rail line running through a rounded square. Decorative; label with text. */
export function LogoMark({ size = 32, inverted = false }: { size?: number; inverted?: boolean }) {
  const bg = inverted ? "#ffffff" : "#0b6e79";
  const fg = inverted ? "#0b6e79" : "#ffffff";
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill={bg} />
      <path d="M6 22 C 12 22, 12 10, 18 10 L 26 10" stroke={fg} strokeWidth="2.6" fill="none" strokeLinecap="round" />
      <path d="M6 26 L 26 26" stroke={fg} strokeOpacity="0.55" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="26" cy="10" r="2.6" fill={fg} />
      <circle cx="6" cy="22" r="2" fill={fg} />
    </svg>
  );
}
