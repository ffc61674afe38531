export * from './gateway/payment-gateway';
export * from './providers';
