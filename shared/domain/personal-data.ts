// Messages to the buyer must not carry personal data: the guide warns that it can leak through
// the product page (docs/DOMAIN.md, "Notices"). This finds what a seller must not write.

import type { Recipient } from './order.js';

export type PersonalDataKind =
  | 'EMAIL'
  | 'PHONE'
  | 'CARD_NUMBER'
  | 'POSTAL_ADDRESS'
  | 'CREDENTIAL'
  | 'BUYER_ID'
  | 'NAME';

/** Whose data the text must not carry: the order's buyer and the parcel's recipient. */
export interface DataOwner {
  buyer: { id: string; email: string };
  recipient?: Recipient;
}

const PATTERNS: { kind: PersonalDataKind; pattern: RegExp }[] = [
  { kind: 'EMAIL', pattern: /[\w.+-]+@[\w-]+(\.[\w-]+)+/u },
  // Japanese and Korean numbers (090-1234-5678, 010-1234-5678, 03-1234-5678) and international ones.
  {
    kind: 'PHONE',
    pattern:
      /(\+\d{1,3}[\s-]?)?\(?0\d{1,4}\)?[\s-]\d{1,4}[\s-]\d{3,4}\b|\+\d{1,3}[\s-]?\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b|\b0[5-9]0\d{8}\b/u,
  },
  { kind: 'POSTAL_ADDRESS', pattern: /〒\s*\d{3}-?\d{4}|\b\d{3}-\d{4}\b(?=.*[都道府県市区町村])/u },
  // A Japanese address: a prefecture, a municipality, then a block number (千葉県船橋市西浦1-2-3, 大阪府大阪市北区梅田3丁目).
  {
    kind: 'POSTAL_ADDRESS',
    pattern:
      /(北海道|東京都|京都府|大阪府|\p{Script=Han}{2,3}県)\s*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{1,12}?[市区町村郡][^\s、。]{0,20}?[0-9０-９]+\s*(丁目|番地?|号|[-－‐ー][0-9０-９]+)/u,
  },
  // A Korean address: a road or neighbourhood with its number, after a city, county or district (서울특별시 강남구 테헤란로 123,
  // 판교역로 235길 10).
  {
    kind: 'POSTAL_ADDRESS',
    pattern: /[가-힣]+(시|군|구)\s+([가-힣]+(구|시)\s+)?[가-힣0-9]+(로|길|동|읍|면|리)\s*\d+(-\d+)?/u,
  },
  { kind: 'CREDENTIAL', pattern: /(password|passwd|パスワード|비밀번호|暗証番号)\s*[:：=]/iu },
];

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(/\b(?:\d[ -]?){13,19}\b/gu)) {
    if (luhnValid(match[0].replace(/\D/gu, ''))) return true;
  }
  return false;
}

/** Letters and digits only, lower case, full-width folded: how a name or address is compared, whatever its spacing. */
const folded = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The recipient's own data in the text: the name (whole, or a part of two characters or more), the phone, the address.
 */
function recipientData(text: string, recipient: Recipient): PersonalDataKind[] {
  const found: PersonalDataKind[] = [];
  const haystack = folded(text);
  const nameParts = [recipient.name, ...recipient.name.split(/[\s　・]+/u)]
    .map(folded)
    .filter((part) => part.length >= 2);
  if (nameParts.some((part) => haystack.includes(part))) found.push('NAME');
  const digits = text.replace(/\D/gu, '');
  const phone = recipient.phone?.replace(/\D/gu, '') ?? '';
  if (phone.length >= 8 && digits.includes(phone)) found.push('PHONE');
  // The whole address, or its street part (after the municipality): what no other text would carry.
  const address = folded(recipient.address);
  const street = folded(recipient.address.split(/[市区町村郡시군구]/u).at(-1) ?? '');
  if (
    (address.length >= 6 && haystack.includes(address)) ||
    (street.length >= 4 && /\p{N}/u.test(street) && haystack.includes(street))
  )
    found.push('POSTAL_ADDRESS');
  const postal = recipient.postalCode?.replace(/\D/gu, '') ?? '';
  if (postal.length >= 5 && digits.includes(postal)) found.push('POSTAL_ADDRESS');
  return found;
}

/** The kinds of personal data found in a text meant for the buyer, none if it is clean. */
export function findPersonalData(text: string, owner: DataOwner): PersonalDataKind[] {
  const found = new Set<PersonalDataKind>();
  for (const { kind, pattern } of PATTERNS) if (pattern.test(text)) found.add(kind);
  if (containsCardNumber(text)) found.add('CARD_NUMBER');
  const lower = text.toLowerCase();
  const { buyer, recipient } = owner;
  if (buyer.email && lower.includes(buyer.email.toLowerCase())) found.add('EMAIL');
  if (buyer.id.length >= 3 && lower.includes(buyer.id.toLowerCase())) found.add('BUYER_ID');
  if (recipient) for (const kind of recipientData(text, recipient)) found.add(kind);
  return [...found];
}
