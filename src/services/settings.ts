/**
 * The one place that reads `paperLens.*` settings. Features receive a `SettingsSource` and read
 * it when they act (a hover, a refresh), so a change applies without a reload; features that
 * must redraw subscribe to `onDidChange`.
 *
 * The hover settings are read per document (`hoverFor`): `hover.enabled` and
 * `hover.abstractLength` are language-overridable, so `"[python]": { "paperLens.hover.enabled":
 * false }` works as in any VS Code setting. The older allow-list `hover.languages` is deprecated
 * but still honoured (see `hoverFor`).
 */
import * as vscode from 'vscode';
import { ALL_CITATION_FORMATS, type AnyCitationFormat } from '../core/citations';
import type { AmbiguousNamePolicy } from '../core/types';
import { SETTINGS_SECTION, SettingKey } from './contributionIds';

export type SidebarGrouping = 'topic' | 'file' | 'alphabetical';

/** Which names of a library paper (one the bundled corpus does not have) are recognised in text: all of them, or its full title only. */
export type LibraryNames = 'all' | 'titles';

/** The settings that hold for the whole window. */
export interface PaperLensSettings {
  /** Deprecated: language ids that get hovers; `*` means all. */
  readonly hoverLanguages: readonly string[];
  readonly ambiguousNames: AmbiguousNamePolicy;
  readonly libraryNames: LibraryNames;
  readonly citationDefaultFormat: AnyCitationFormat;
  /** True when the user chose a default format (rather than leaving the built-in default). */
  readonly citationFormatChosen: boolean;
  readonly sidebarGrouping: SidebarGrouping;
  /** Complete paper names in prose and comments. */
  readonly completePaperNames: boolean;
  /** Whether library files named by the workspace's LaTeX and markdown files are read (trusted workspaces only). */
  readonly discoverLibraries: boolean;
  /** Documents over this many MB (of `MB_CHARS` characters) are skipped: no hovers, warnings or completions. */
  readonly maxDocumentSizeMB: number;
  /** Whether the workspace's files are indexed in the background. */
  readonly workspaceIndexEnabled: boolean;
  /** Files over this many KB are left out of the workspace index. */
  readonly workspaceIndexMaxFileSizeKB: number;
}

/** Characters in one MB of `maxDocumentSizeMB`: 2^20, as VS Code counts its own 50 MB limit. */
export const MB_CHARS = 1 << 20;

/** The hover settings in effect for one document (its language and folder). */
export interface HoverSettings {
  readonly enabled: boolean;
  /** Maximum abstract length in a hover card; 0 = the full abstract. */
  readonly abstractLength: number;
}

/** What features depend on: the current values, and a signal naming the keys that changed. */
export interface SettingsSource {
  readonly current: PaperLensSettings;
  hoverFor(document: vscode.TextDocument): HoverSettings;
  readonly onDidChange: vscode.Event<readonly SettingKey[]>;
}

export const DEFAULT_SETTINGS: PaperLensSettings = {
  hoverLanguages: ['*'],
  ambiguousNames: 'context',
  libraryNames: 'all',
  citationDefaultFormat: 'markdown',
  citationFormatChosen: false,
  sidebarGrouping: 'topic',
  completePaperNames: true,
  discoverLibraries: true,
  maxDocumentSizeMB: 48,
  workspaceIndexEnabled: true,
  workspaceIndexMaxFileSizeKB: 1024,
};

const POLICIES: readonly AmbiguousNamePolicy[] = ['context', 'always', 'never'];
const FORMATS: readonly AnyCitationFormat[] = ALL_CITATION_FORMATS;
const GROUPINGS: readonly SidebarGrouping[] = ['topic', 'file', 'alphabetical'];
const LIBRARY_NAMES: readonly LibraryNames[] = ['all', 'titles'];

/** Reads and validates the window-wide settings: a hand-edited wrong value falls back to the default. */
export function readSettings(): PaperLensSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const languages = config.get<unknown>(SettingKey.hoverLanguages);
  const format = config.inspect<unknown>(SettingKey.citationDefaultFormat);
  const chosenFormat = format?.workspaceFolderValue ?? format?.workspaceValue ?? format?.globalValue;
  return {
    hoverLanguages:
      Array.isArray(languages) && languages.every((l) => typeof l === 'string') ? languages : DEFAULT_SETTINGS.hoverLanguages,
    ambiguousNames: oneOf(config.get(SettingKey.ambiguousNames), POLICIES, DEFAULT_SETTINGS.ambiguousNames),
    libraryNames: oneOf(config.get(SettingKey.libraryNames), LIBRARY_NAMES, DEFAULT_SETTINGS.libraryNames),
    citationDefaultFormat: oneOf(config.get(SettingKey.citationDefaultFormat), FORMATS, DEFAULT_SETTINGS.citationDefaultFormat),
    citationFormatChosen: oneOf(chosenFormat, FORMATS, undefined) !== undefined,
    sidebarGrouping: oneOf(config.get(SettingKey.sidebarGrouping), GROUPINGS, DEFAULT_SETTINGS.sidebarGrouping),
    completePaperNames: config.get<unknown>(SettingKey.completePaperNames) !== false,
    discoverLibraries: config.get<unknown>(SettingKey.discoverLibraries) !== false,
    maxDocumentSizeMB: positive(config.get<unknown>(SettingKey.maxDocumentSize), DEFAULT_SETTINGS.maxDocumentSizeMB),
    workspaceIndexEnabled: config.get<unknown>(SettingKey.workspaceIndexEnabled) !== false,
    workspaceIndexMaxFileSizeKB: positive(config.get<unknown>(SettingKey.workspaceIndexMaxFileSize), DEFAULT_SETTINGS.workspaceIndexMaxFileSizeKB),
  };
}

/**
 * The library paths configured for a workspace folder (its own value, else the workspace's,
 * else the user's), or for the window when `folder` is undefined; non-strings and blanks are
 * dropped. In an untrusted workspace only the user's own value counts: a path a workspace sets
 * is not read until the workspace is trusted (`restrictedConfigurations` in the manifest).
 */
export function readLibraryPaths(folder: vscode.Uri | undefined, trusted: boolean): string[] {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder);
  const value = trusted ? config.get<unknown>(SettingKey.libraries) : config.inspect<unknown>(SettingKey.libraries)?.globalValue;
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/**
 * The hover settings for `document`, language-specific values first. Read on every hover rather
 * than kept, because they depend on the document's language and folder; reading is cheap.
 */
export function readHoverSettings(document: vscode.TextDocument, hoverLanguages: readonly string[]): HoverSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, document);
  const length = config.get<unknown>(SettingKey.hoverAbstractLength);
  // The deprecated allow-list still applies, so settings written for earlier versions keep
  // working. It is not rewritten into `[language]` overrides automatically: a user-level
  // language override outranks a workspace's plain `hover.enabled`, so no rewrite keeps every
  // workspace's behaviour.
  const listed = hoverLanguages.includes('*') || hoverLanguages.includes(document.languageId);
  return {
    enabled: listed && config.get<unknown>(SettingKey.hoverEnabled) !== false,
    abstractLength: typeof length === 'number' && Number.isFinite(length) && length > 0 ? Math.floor(length) : 0,
  };
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function oneOf<T extends string, D>(value: unknown, allowed: readonly T[], fallback: D): T | D {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Keeps a snapshot of the settings, re-read whenever a `paperLens.*` setting changes. */
export class Settings implements SettingsSource, vscode.Disposable {
  private snapshot = readSettings();
  private readonly emitter = new vscode.EventEmitter<readonly SettingKey[]>();
  private readonly listener: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
      const changed = Object.values(SettingKey).filter((key) => e.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
      this.snapshot = readSettings();
      if (changed.length > 0) this.emitter.fire(changed);
    });
  }

  get current(): PaperLensSettings {
    return this.snapshot;
  }

  hoverFor(document: vscode.TextDocument): HoverSettings {
    return readHoverSettings(document, this.snapshot.hoverLanguages);
  }

  /**
   * Stores the sidebar grouping where it will take effect: in the workspace when the workspace
   * already overrides it, otherwise in the user settings (so it persists across restarts).
   */
  async setSidebarGrouping(grouping: SidebarGrouping): Promise<void> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const inspected = config.inspect(SettingKey.sidebarGrouping);
    const target =
      inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update(SettingKey.sidebarGrouping, grouping, target);
    // The change event updates the snapshot too; reading now makes the new value visible at once.
    this.snapshot = readSettings();
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
