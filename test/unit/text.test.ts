import { strict as assert } from 'node:assert';
import { collapseWhitespace } from '../../src/core/text';

describe('collapseWhitespace', () => {
  it('turns every run of spaces, tabs and line breaks into one space', () => {
    assert.equal(collapseWhitespace('Go  Wider\nInstead\t\tof\r\n Deeper'), 'Go Wider Instead of Deeper');
  });

  it('trims both ends, and leaves text without extra whitespace as it is', () => {
    assert.equal(collapseWhitespace(' \n Data Filtering Networks \t'), 'Data Filtering Networks');
    assert.equal(collapseWhitespace('BT^2'), 'BT^2');
    assert.equal(collapseWhitespace(' \n\t '), '');
  });
});
