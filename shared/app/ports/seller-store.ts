// The sellers' profiles and their inquiries to the operator.

import type { Inquiry, InquiryStatus } from '../../domain/inquiry.js';
import type { SellerProfile } from '../../domain/seller-profile.js';
import type { Page, PageRequest } from './pages.js';

export interface SellerProfiles {
  getProfile(sellerId: string): Promise<SellerProfile | undefined>;
  /** Every profile, by seller id. */
  listProfiles(page: PageRequest): Promise<Page<SellerProfile>>;
  /** Stores version + 1 if the stored version is still `version` (0: new); else throws ConcurrentChangeError. */
  saveProfile(profile: SellerProfile): Promise<void>;
}

export interface InquiryQuery {
  /** One seller's inquiries; every seller's when absent (operators). */
  sellerId?: string;
  status?: InquiryStatus;
}

export interface Inquiries {
  getInquiry(inquiryId: string): Promise<Inquiry | undefined>;
  /** Newest first. */
  listInquiries(query: InquiryQuery, page: PageRequest): Promise<Page<Inquiry>>;
  /** As {@link SellerProfiles.saveProfile}: checked against the version read. */
  saveInquiry(inquiry: Inquiry): Promise<void>;
}
