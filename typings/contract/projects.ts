import type { ActionSpec, Page } from './common';

// The year's 民生实事 after the vote.

/** One of the year's 民生实事, adopted from a campaign's selected projects. */
export interface LivelihoodProject {
  id: string;
  year: number;
  campaignId: string;
  title: string;
  summary: string;
  category: string;
  budget?: number;
  location?: string;
  responsibleUnit?: string;
  votes: number;
  status: 'planning';
}

export interface ProjectsActions {
  'projects.list': ActionSpec<{ year?: number; cursor?: string }, Page<LivelihoodProject>>;
}
