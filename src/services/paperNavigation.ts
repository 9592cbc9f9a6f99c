/**
 * The two places a paper can be shown: its paper view and its row in the sidebar. Each is
 * implemented by the feature that owns it (`features/paperView.ts`, `features/topicTree.ts`) and
 * handed by the composition root to the features that navigate to papers, so that no feature
 * imports another.
 */
import type { Paper } from '../core/types';

export interface PaperViewer {
  /** Opens the paper's view, or brings its open view to the front. */
  open(paper: Paper): void;
}

export interface PaperRevealer {
  /** Selects and focuses the paper's row in the sidebar; false when the sidebar has no row for it. */
  reveal(paper: Paper): Promise<boolean>;
}
