// In-memory seller profiles and inquiries: versions checked on every write, as the DynamoDB store
// does (a contract suite runs against both).
import { decodeCursor, encodeCursor } from '../../shared/adapters/dynamo-items.js';
import { inquirySort } from '../../shared/adapters/dynamo-seller-store.js';
import type { Page, PageRequest } from '../../shared/app/ports/pages.js';
import { ConcurrentChangeError } from '../../shared/app/ports/port-errors.js';
import type { Inquiries, InquiryQuery, SellerProfiles } from '../../shared/app/ports/seller-store.js';
import type { Inquiry } from '../../shared/domain/inquiry.js';
import type { SellerProfile } from '../../shared/domain/seller-profile.js';

const copy = <T>(value: T): T => structuredClone(value);

function checked<T extends { version: number }>(stored: T | undefined, next: T, what: string): T {
  if (next.version === 0 ? stored !== undefined : stored?.version !== next.version)
    throw new ConcurrentChangeError(`${what} changed since read`);
  return copy({ ...next, version: next.version + 1 });
}

export class FakeSellerStore implements SellerProfiles, Inquiries {
  readonly profiles = new Map<string, SellerProfile>();
  readonly inquiries = new Map<string, Inquiry>();

  async getProfile(sellerId: string) {
    const profile = this.profiles.get(sellerId);
    return profile && copy(profile);
  }

  async listProfiles(page: PageRequest): Promise<Page<SellerProfile>> {
    const after = decodeCursor(page.cursor, 'SELLER#') ?? 'SELLER#';
    const all = [...this.profiles.values()]
      .filter((p) => `SELLER#${p.sellerId}` > after)
      .sort((a, b) => (a.sellerId < b.sellerId ? -1 : 1));
    const items = all.slice(0, page.limit);
    return {
      items: items.map(copy),
      nextCursor: all.length > page.limit ? encodeCursor(`SELLER#${items.at(-1)!.sellerId}`) : null,
    };
  }

  async saveProfile(profile: SellerProfile) {
    this.profiles.set(
      profile.sellerId,
      checked(this.profiles.get(profile.sellerId), profile, `Profile of ${profile.sellerId}`),
    );
  }

  async getInquiry(inquiryId: string) {
    const inquiry = this.inquiries.get(inquiryId);
    return inquiry && copy(inquiry);
  }

  async listInquiries(query: InquiryQuery, page: PageRequest): Promise<Page<Inquiry>> {
    const after = decodeCursor(page.cursor, 'INQUIRY#') ?? 'INQUIRY#\uffff';
    const all = [...this.inquiries.values()]
      .filter(
        (i) =>
          (!query.sellerId || i.sellerId === query.sellerId) &&
          (!query.status || i.status === query.status) &&
          inquirySort(i) < after,
      )
      .sort((a, b) => (inquirySort(a) < inquirySort(b) ? 1 : -1));
    const items = all.slice(0, page.limit);
    return {
      items: items.map(copy),
      nextCursor: all.length > page.limit ? encodeCursor(inquirySort(items.at(-1)!)) : null,
    };
  }

  async saveInquiry(inquiry: Inquiry) {
    this.inquiries.set(
      inquiry.inquiryId,
      checked(this.inquiries.get(inquiry.inquiryId), inquiry, `Inquiry ${inquiry.inquiryId}`),
    );
  }
}
