/** mocha's prebuilt browser build: loading it defines the global `mocha` (see @types/mocha). */
declare module 'mocha/mocha.js';
