/** package.json and src/services/contributionIds.ts name the same commands, views, settings and context values. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandId, ContextKey, SETTINGS_SECTION, SettingKey, TreeItemContext, ViewId } from '../../src/services/contributionIds';
import { ROOT } from './helpers';

interface Manifest {
  icon?: string;
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string }[]>;
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: {
      title: string;
      properties: Record<
        string,
        { markdownDescription?: string; markdownDeprecationMessage?: string; scope?: string; enum?: string[]; enumDescriptions?: string[]; default: unknown }
      >;
    };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const { contributes } = manifest;

describe('manifest', () => {
  it('declares exactly the commands the extension registers, each in the Paper Lens category', () => {
    assert.deepEqual(contributes.commands.map((c) => c.command).sort(), Object.values(CommandId).sort());
    for (const c of contributes.commands) assert.equal(c.category, 'Paper Lens', c.command);
  });

  it('menus only name declared commands and known context keys and values', () => {
    const commands = new Set<string>(Object.values(CommandId));
    const contextValues = new Set<string>(Object.values(TreeItemContext));
    for (const [menu, items] of Object.entries(contributes.menus)) {
      for (const item of items) {
        assert.ok(commands.has(item.command), `${menu}: ${item.command}`);
        for (const key of item.when?.match(/paperLens\.\w+/g) ?? []) {
          assert.ok(key === ViewId.topics || key === ViewId.mentionedHere || Object.values(ContextKey).includes(key as never), `${menu}: unknown key ${key}`);
        }
        for (const value of item.when?.match(/viewItem == (\w+)/g) ?? []) assert.ok(contextValues.has(value.split(' == ')[1]), value);
      }
    }
  });

  it('declares the activity bar container, the topics and Mentioned Here views with existing icons', () => {
    const container = contributes.viewsContainers.activitybar.find((c) => c.id === ViewId.container);
    assert.ok(container);
    assert.ok(fs.existsSync(path.join(ROOT, container.icon)), container.icon);
    assert.deepEqual(contributes.views[ViewId.container].map((v) => v.id), [ViewId.topics, ViewId.mentionedHere]);
    if (manifest.icon) assert.ok(fs.existsSync(path.join(ROOT, manifest.icon)), manifest.icon);
  });

  it('declares every setting with a description and scope, and enum descriptions for choices', () => {
    const declared = Object.keys(contributes.configuration.properties).sort();
    assert.deepEqual(declared, Object.values(SettingKey).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
    for (const [key, p] of Object.entries(contributes.configuration.properties)) {
      assert.ok(p.markdownDescription, `${key}: markdownDescription`);
      assert.ok(p.scope, `${key}: scope`);
      if (p.enum) {
        assert.equal(p.enumDescriptions?.length, p.enum.length, `${key}: enumDescriptions`);
        assert.ok(p.enum.includes(p.default as string), `${key}: default`);
      }
    }
  });

  it('lets the hover settings be set per language, and marks the old language list deprecated', () => {
    const setting = (key: string) => contributes.configuration.properties[`${SETTINGS_SECTION}.${key}`];
    const overridable = Object.entries(contributes.configuration.properties)
      .filter(([, p]) => p.scope === 'language-overridable')
      .map(([key]) => key)
      .sort();
    assert.deepEqual(overridable, [SettingKey.hoverAbstractLength, SettingKey.hoverEnabled].map((k) => `${SETTINGS_SECTION}.${k}`));
    assert.match(setting(SettingKey.hoverEnabled).markdownDescription ?? '', /"\[python\]": \{ "paperLens\.hover\.enabled": false \}/);
    const deprecated = Object.entries(contributes.configuration.properties).filter(([, p]) => p.markdownDeprecationMessage);
    assert.deepEqual(deprecated.map(([key]) => key), [`${SETTINGS_SECTION}.${SettingKey.hoverLanguages}`]);
    assert.match(deprecated[0][1].markdownDeprecationMessage ?? '', /#paperLens\.hover\.enabled#/);
  });

  it('activates late enough to stay off the startup path, or early to restore a paper view after a reload', () => {
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished', `onWebviewPanel:${ViewId.paperPanel}`]);
  });
});
