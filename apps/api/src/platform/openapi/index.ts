export * from './api-fields.decorators';
export * from './error-body.dto';
export * from './ledger-operation.decorators';
