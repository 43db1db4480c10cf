/** The PortLens contract: model, calls, stream messages, channels and validators. */
export * from './model.js';
export * from './api.js';
export * from './history.js';
export * from './channels.js';
export * from './validate.js';
