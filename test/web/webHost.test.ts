/**
 * That this suite, and Paper Lens with it, really run in the browser's web worker extension
 * host: no Node API, a worker's global scope, and the web build of the extension.
 */
import * as vscode from 'vscode';
import * as assert from './assert';
import { extension, paperLens } from './support';

describe('the web worker extension host', () => {
  it('runs this suite in a web worker, where Node is not', () => {
    assert.strictEqual(typeof (globalThis as { process?: unknown }).process, 'undefined', 'process');
    assert.strictEqual(typeof (globalThis as { require?: unknown }).require === 'function' && 'resolve' in (globalThis as { require: object }).require, false, 'a Node require');
    // A dedicated worker's global scope: importScripts exists, a window does not.
    assert.strictEqual(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'importScripts');
    assert.strictEqual(typeof (globalThis as { document?: unknown }).document, 'undefined', 'document');
  });

  it('loads the web-only Paper Lens (a browser entry, no main) and activates it here', async () => {
    const ext = extension();
    const manifest = ext.packageJSON as { main?: string; browser?: string };
    assert.strictEqual(manifest.main, undefined, 'main');
    assert.strictEqual(manifest.browser, './dist/web/extension.js', 'browser');
    const api = await paperLens();
    assert.ok(ext.isActive, 'active');
    // The exports are this host's objects: the extension runs in the same worker as the suite.
    assert.strictEqual(api.platform, 'web', 'the platform the entry point chose');
    assert.strictEqual(ext.extensionKind, vscode.ExtensionKind.UI, 'runs on the UI side (the browser)');
  });
});
