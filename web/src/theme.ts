import type { StyleOptions } from 'botframework-webchat';

/** Relative luminance of a `#rrggbb` colour (WCAG 2). */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function darken(hex: string, factor: number): string {
  const part = (offset: number) =>
    Math.round(parseInt(hex.slice(offset, offset + 2), 16) * factor)
      .toString(16)
      .padStart(2, '0');
  return `#${part(1)}${part(3)}${part(5)}`;
}

const WHITE = '#ffffff';
const BLACK = '#000000';

/** The school's colours, made readable: text on the accent, and the accent as text on white (WCAG AA, 4.5:1). */
export interface Palette {
  accent: string;
  /** Text on an accent background: white or black, whichever reads better. */
  onAccent: string;
  /** The accent, darkened as far as needed to be readable as text (and focus rings) on white. */
  accentText: string;
}

export function palette(accent: string): Palette {
  const valid = /^#[0-9a-fA-F]{6}$/.test(accent) ? accent.toLowerCase() : '#1f5f8b';
  let accentText = valid;
  for (let i = 0; i < 20 && contrast(accentText, WHITE) < 4.5; i++) accentText = darken(accentText, 0.9);
  return {
    accent: valid,
    onAccent: contrast(valid, WHITE) >= contrast(valid, BLACK) ? WHITE : BLACK,
    accentText,
  };
}

/** Web Chat in the school's colours, without the upload button. */
export function styleOptions({ accent, onAccent, accentText }: Palette): StyleOptions {
  return {
    accent: accentText,
    hideUploadButton: true,
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    backgroundColor: WHITE,
    bubbleBorderRadius: 12,
    bubbleFromUserBorderRadius: 12,
    bubbleFromUserBackground: accent,
    bubbleFromUserBorderColor: accent,
    bubbleFromUserTextColor: onAccent,
    bubbleNubSize: 0,
    bubbleFromUserNubSize: 0,
    suggestedActionLayout: 'flow',
    suggestedActionBorderColor: accentText,
    suggestedActionTextColor: accentText,
    suggestedActionBorderRadius: 16,
    suggestedActionBorderWidth: 2,
    sendBoxButtonColorOnFocus: accentText,
    sendBoxButtonColorOnHover: accentText,
    sendBoxTextWrap: true,
    transcriptVisualKeyboardIndicatorColor: accentText,
    transcriptVisualKeyboardIndicatorWidth: 2,
    rootHeight: '100%',
    rootWidth: '100%',
  };
}
