/**
 * The paper of samples/library.bib, as its hover card should show it: the library's authors
 * (`Varol, G{\"u}l` decoded), year and venue, merged with the bundled paper's abstract, and the
 * entry's DOI and arXiv links. samples/video-notes.md names it.
 */
export const libraryPaper = {
  file: 'library.bib',
  note: 'video-notes.md',
  /** The name the note uses, and the word the checks point the mouse at. */
  name: 'Frozen in Time',
  word: 'Frozen',
  title: 'Frozen in Time: A Joint Video and Image Encoder for End-to-End Retrieval',
  authors: 'Max Bain, Arsha Nagrani, Gül Varol, Andrew Zisserman',
  year: '2021',
  venue: 'IEEE/CVF International Conference on Computer Vision (ICCV)',
  /** The start of the bundled abstract (seeds/daily-papers-listing.txt). */
  abstractStart: 'Our objective in this work is video-text retrieval',
  links: ['doi.org/10.48550/arXiv.2104.00650', 'arxiv.org/abs/2104.00650'],
};
