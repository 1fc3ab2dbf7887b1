// Messages to the buyer must not carry personal data: the guide warns that it can leak through
// the product page (DOMAIN.md, "Notifications"). This finds what a seller must not write.

export type PersonalDataKind = 'EMAIL' | 'PHONE' | 'CARD_NUMBER' | 'POSTAL_ADDRESS' | 'CREDENTIAL' | 'BUYER_ID';

const PATTERNS: { kind: PersonalDataKind; pattern: RegExp }[] = [
  { kind: 'EMAIL', pattern: /[\w.+-]+@[\w-]+(\.[\w-]+)+/u },
  // Japanese and Korean numbers (090-1234-5678, 010-1234-5678, 03-1234-5678) and international ones.
  { kind: 'PHONE', pattern: /(\+\d{1,3}[\s-]?)?\(?0\d{1,4}\)?[\s-]\d{1,4}[\s-]\d{3,4}\b|\+\d{1,3}[\s-]?\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b|\b0[5-9]0\d{8}\b/u },
  { kind: 'POSTAL_ADDRESS', pattern: /〒\s*\d{3}-?\d{4}|\b\d{3}-\d{4}\b(?=.*[都道府県市区町村])/u },
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

/** The kinds of personal data found in a text meant for the buyer, none if it is clean. */
export function findPersonalData(text: string, buyer: { id: string; email: string }): PersonalDataKind[] {
  const found = new Set<PersonalDataKind>();
  for (const { kind, pattern } of PATTERNS) if (pattern.test(text)) found.add(kind);
  if (containsCardNumber(text)) found.add('CARD_NUMBER');
  const lower = text.toLowerCase();
  if (buyer.email && lower.includes(buyer.email.toLowerCase())) found.add('EMAIL');
  if (buyer.id.length >= 3 && lower.includes(buyer.id.toLowerCase())) found.add('BUYER_ID');
  return [...found];
}
