/** Word lists for fake but plausible business data; small on purpose (values repeat, as in real traffic). */

export const PRODUCTS = [
  { sku: 'SKU-KB-1042', unitPrice: 89.9 },
  { sku: 'SKU-MS-2210', unitPrice: 34.5 },
  { sku: 'SKU-HD-0317', unitPrice: 129.0 },
  { sku: 'SKU-MN-2701', unitPrice: 249.99 },
  { sku: 'SKU-CB-0005', unitPrice: 9.95 },
  { sku: 'SKU-DK-8800', unitPrice: 419.0 },
  { sku: 'SKU-LP-1500', unitPrice: 1299.0 },
  { sku: 'SKU-CH-0420', unitPrice: 189.5 },
] as const;

export const PLACES = [
  { city: 'Lisbon', country: 'PT', airport: 'LIS', currency: 'EUR' },
  { city: 'Berlin', country: 'DE', airport: 'BER', currency: 'EUR' },
  { city: 'Amsterdam', country: 'NL', airport: 'AMS', currency: 'EUR' },
  { city: 'London', country: 'GB', airport: 'LHR', currency: 'GBP' },
  { city: 'Stockholm', country: 'SE', airport: 'ARN', currency: 'SEK' },
  { city: 'Madrid', country: 'ES', airport: 'MAD', currency: 'EUR' },
  { city: 'Warsaw', country: 'PL', airport: 'WAW', currency: 'PLN' },
] as const;

export const STREETS = ['Rua Augusta', 'Karl-Marx-Allee', 'Prinsengracht', 'Baker Street', 'Drottninggatan', 'Gran Via', 'Nowy Swiat'];
export const CHANNELS = ['web', 'ios', 'android', 'marketplace'] as const;
export const PAYMENT_METHODS = ['card', 'paypal', 'sepa-debit', 'apple-pay'] as const;
export const WAREHOUSES = ['wh-lis-1', 'wh-ber-2', 'wh-ams-1'] as const;
export const CARRIERS = ['DHL', 'UPS', 'PostNL', 'GLS'] as const;
export const AIRLINES = [
  { code: 'TP', name: 'TAP' },
  { code: 'LH', name: 'Lufthansa' },
  { code: 'KL', name: 'KLM' },
  { code: 'BA', name: 'British Airways' },
  { code: 'SK', name: 'SAS' },
] as const;
export const HOTELS = ['Grand Central', 'Harbour View', 'Old Town Inn', 'Park Plaza', 'Riverside Suites'] as const;
export const CAR_COMPANIES = ['Hertz', 'Sixt', 'Europcar', 'Avis'] as const;
export const CAR_CLASSES = ['economy', 'compact', 'intermediate', 'estate'] as const;

/** Reasons a worker gives when it fails a step, per step. */
export const FAILURE_REASONS = {
  payment: ['insufficient-funds', 'card-expired', 'fraud-suspected'],
  inventory: ['out-of-stock', 'warehouse-closed'],
  shipping: ['address-unserviceable', 'carrier-capacity'],
  flight: ['fully-booked', 'fare-expired'],
  hotel: ['no-rooms', 'rate-unavailable'],
  car: ['no-cars', 'licence-check-failed'],
} as const;
