import { AccessPattern } from 'dynamodb-toolbox/table/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { string } from 'dynamodb-toolbox/schema/string';
import { registry } from '../registry';
import { LinliTable } from '../table';
import {
  activitiesByEndTime,
  activitiesStartingBetween,
  ActivityEntity,
  activityPartition,
} from '../entities/activity';
import { RegistrationEntity, registrationsInStatus, signUpsOf } from '../entities/registration';
import { membersOfTeam, teamPlacesOf } from '../entities/teamMember';
import { statsOfPeriod } from '../entities/volunteerStats';
import { teamsOfCommunity } from '../entities/volunteerTeam';

/** V7 An activity and every registration in one consistent query of its partition (the organiser's roster). */
const activityRoster = LinliTable.build(AccessPattern)
  .entities(ActivityEntity, RegistrationEntity)
  .schema(map({ communityId: string(), activityId: string() }))
  .pattern(({ communityId, activityId }) => ({ partition: activityPartition(communityId, activityId) }))
  .options({ consistent: true, maxPages: Infinity, showEntityAttr: true })
  .meta({ title: 'V7' });

/** 志愿: activities, sign-ups, teams and recognition. */
export const volunteer = registry('volunteer', {
  activitiesByEndTime,
  activitiesStartingBetween,
  activityRoster,
  registrationsInStatus,
  signUpsOf,
  teams: teamsOfCommunity,
  membersOfTeam,
  teamPlacesOf,
  statsOfPeriod,
});
