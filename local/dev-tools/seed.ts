// Demo sellers and orders, set up through the public API as an operator would.

import { marketplaceDate } from '../../shared/domain/order.js';
import type { RegisterOrder } from '../../shared/schemas/api.js';
import type { SellerProfileFields } from '../../shared/schemas/seller-api.js';
import { mintLocalToken } from '../tokens.js';

const daysFrom = (now: Date, days: number) => marketplaceDate(new Date(now.getTime() + days * 24 * 60 * 60 * 1000));

/** S-1 reads Japanese; S-2 is a Korean seller selling in Japan (the guide's sellers). */
export const DEMO_SELLERS: Record<string, SellerProfileFields> = {
  'S-1': { storeName: '抹茶の店', contactEmail: 'shop-s1@example.jp', language: 'ja' },
  'S-2': { storeName: '서울 머그', contactEmail: 'shop-s2@example.kr', language: 'ko' },
};

export function demoOrders(now = new Date()): RegisterOrder[] {
  const daysFromToday = (days: number) => daysFrom(now, days);
  const item = (code: string, name: string, quantity = 1) => ({ code, name, quantity });
  return [
    {
      orderNo: 'D-1001',
      cartNo: 'CART-D1',
      sellerId: 'S-1',
      buyer: { id: 'B-1', email: 'hanako@example.jp', country: 'JP' },
      item: item('TEA-01', '抹茶セット'),
      total: { amount: 3200, currency: 'JPY' },
      payment: { method: 'CARD' },
    },
    {
      orderNo: 'D-1002',
      cartNo: 'CART-D2',
      sellerId: 'S-1',
      buyer: { id: 'B-1', email: 'hanako@example.jp', country: 'JP' },
      item: item('CUP-02', '湯呑み', 2),
      total: { amount: 4800, currency: 'JPY' },
      payment: { method: 'CONVENIENCE_STORE' },
      expectedShipDate: daysFromToday(3),
    },
    {
      orderNo: 'D-1003',
      cartNo: 'CART-D2',
      sellerId: 'S-1',
      buyer: { id: 'B-1', email: 'hanako@example.jp', country: 'JP' },
      item: item('POT-03', '急須'),
      total: { amount: 6500, currency: 'JPY' },
      payment: { method: 'CONVENIENCE_STORE' },
      expectedShipDate: daysFromToday(3),
    },
    {
      orderNo: 'D-1004',
      cartNo: 'CART-D3',
      sellerId: 'S-1',
      buyer: { id: 'B-2', email: 'minsu@example.kr', country: 'KR' },
      item: item('BAG-04', 'Tote bag'),
      total: { amount: 2900, currency: 'JPY' },
      payment: { method: 'BANK_TRANSFER' },
    },
    {
      orderNo: 'D-1005',
      cartNo: 'CART-D4',
      sellerId: 'S-1',
      buyer: { id: 'B-3', email: 'alex@example.com', country: 'US' },
      item: item('PEN-05', 'Fountain pen'),
      total: { amount: 12000, currency: 'JPY' },
      payment: { method: 'CARD' },
      expectedShipDate: daysFromToday(-2),
      status: 'PREPARING',
    },
    {
      orderNo: 'D-1006',
      cartNo: 'CART-D6',
      sellerId: 'S-1',
      buyer: { id: 'B-1', email: 'hanako@example.jp', country: 'JP' },
      item: item('SET-06', 'ギフトセット'),
      total: { amount: 8000, currency: 'JPY' },
      payment: { method: 'CARD' },
      coupon: { code: 'WELCOME10', sellerCancellable: false },
    },
    {
      orderNo: 'D-1007',
      cartNo: 'CART-D7',
      sellerId: 'S-1',
      buyer: { id: 'B-2', email: 'minsu@example.kr', country: 'KR' },
      item: item('CAP-07', 'Cap'),
      total: { amount: 2500, currency: 'JPY' },
      payment: { method: 'CONVENIENCE_STORE' },
      status: 'IN_TRANSIT',
    },
    {
      orderNo: 'D-1008',
      cartNo: 'CART-D8',
      sellerId: 'S-1',
      buyer: { id: 'B-1', email: 'hanako@example.jp', country: 'JP' },
      item: item('BOWL-08', '茶碗'),
      total: { amount: 5500, currency: 'JPY' },
      payment: { method: 'CARD' },
      expectedShipDate: daysFromToday(5),
    },
    {
      orderNo: 'D-2001',
      cartNo: 'CART-D5',
      sellerId: 'S-2',
      buyer: { id: 'B-1', email: 'hanako@example.jp', country: 'JP' },
      item: item('MUG-06', 'マグカップ'),
      total: { amount: 1500, currency: 'JPY' },
      payment: { method: 'BALANCE' },
    },
  ];
}

/**
 * Registers the demo sellers and orders. No Idempotency-Key: on kept data an order already
 * registered answers 409 and is left as it was, whatever day it is (the ship dates count from
 * today, so a key reused on another day would carry another body, and be refused).
 */
export async function seedDemoOrders(apiUrl: string, now = new Date()): Promise<string[]> {
  const token = await mintLocalToken('operator', 'OP-seed');
  for (const [sellerId, profile] of Object.entries(DEMO_SELLERS)) {
    const response = await fetch(`${apiUrl}/sellers/${sellerId}/profile`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(profile),
    });
    if (response.status !== 200 && response.status !== 201)
      throw new Error(`Seeding seller ${sellerId} answered ${response.status}: ${await response.text()}`);
  }
  const registered: string[] = [];
  for (const order of demoOrders(now)) {
    const response = await fetch(`${apiUrl}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(order),
    });
    // 409: registered by an earlier run, whose data was kept.
    if (response.status !== 201 && response.status !== 409)
      throw new Error(`Seeding ${order.orderNo} answered ${response.status}: ${await response.text()}`);
    registered.push(order.orderNo);
  }
  return registered;
}
