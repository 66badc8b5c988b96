import type { CampaignProject, LivelihoodProject } from '../../../../typings/contract';
import { shanghai } from '../platform/time';

// The year's 民生实事: projects a vote campaign selected, ready for their implementation plans.

export interface ProjectRecord extends Omit<LivelihoodProject, 'id'> {
  _id: string; // `${campaignId}:${projectId}`: adopting the same project twice is one record
  streetId: string;
  projectId: string;
  createdAt: Date;
}

export const projectRecordId = (campaignId: string, projectId: string) => `${campaignId}:${projectId}`;

/** The year a campaign's projects belong to: the year it closed, in Shanghai time. */
export function projectYear(closesAt: Date): number {
  return shanghai(closesAt).year();
}

export function adoptedProject(
  streetId: string,
  campaign: { id: string; closesAt: Date },
  project: CampaignProject,
  votes: number,
  at: Date,
): ProjectRecord {
  return {
    _id: projectRecordId(campaign.id, project.id),
    streetId,
    year: projectYear(campaign.closesAt),
    campaignId: campaign.id,
    projectId: project.id,
    title: project.title,
    summary: project.summary,
    category: project.category,
    ...(project.budget !== undefined ? { budget: project.budget } : {}),
    ...(project.location ? { location: project.location } : {}),
    ...(project.responsibleUnit ? { responsibleUnit: project.responsibleUnit } : {}),
    votes,
    status: 'planning',
    createdAt: at,
  };
}

export function toLivelihoodProject(record: ProjectRecord): LivelihoodProject {
  const { _id, streetId: _street, projectId: _project, createdAt: _created, ...rest } = record;
  return { id: _id, ...rest };
}
