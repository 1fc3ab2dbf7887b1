// A seller as the marketplace knows it: the store's name, where its notices go and in which
// language (docs/DOMAIN.md, "Notices"). The operator keeps it; the seller reads it.

import type { Language } from './notices.js';

export const SELLER_LANGUAGES = ['ja', 'ko', 'en'] as const satisfies readonly Language[];

export interface SellerProfile {
  sellerId: string;
  storeName: string;
  /** Where every seller notice goes: a buyer's request, the 4-day reminder, a withdrawal, a bulk summary. */
  contactEmail: string;
  language: Language;
  /**
   * How many days from delivery a buyer may ask to return an order: 7 unless the seller allows more,
   * at most 30 (returns.ts, returnWindowDays).
   */
  returnWindowDays?: number;
  updatedAt: string;
  updatedBy: { role: string; id: string };
  version: number;
}
