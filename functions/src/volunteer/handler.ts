import { volunteerRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { cancelActivity, createActivity, getActivity, listActivities, updateActivity } from './activities';
import { attendanceCode, recordAttendance, scanVolunteerPass } from './attendance';
import { volunteerPass } from './attendanceCodes';
import { reviewHours, roster } from './hoursReview';
import { honours, myVolunteering } from './recognition';
import { cancelSignUp, removeRegistration, signUp } from './registrations';
import { createTeam, decideTeamMember, joinTeam, listTeamMembers, listTeams, setTeamLeader } from './teams';

/** 志愿服务: activities and sign-ups, attendance codes, the organiser's roster and review of hours, teams, recognition. */
export const volunteerHandlers = (): Handlers<typeof volunteerRoutes> => ({
  listActivities: ({ principal, params, query, now }) => listActivities(principal, params.communityId, query, now),
  getActivity: ({ principal, params, now }) => getActivity(principal, params.communityId, params.activityId, now),
  createActivity: ({ principal, params, body, now }) => createActivity(principal, params.communityId, body, now),
  updateActivity: ({ principal, params, body, now }) =>
    updateActivity(principal, params.communityId, params.activityId, body, now),
  signUp: ({ user, principal, params, now }) => signUp(user!, principal, params.communityId, params.activityId, now),
  cancelSignUp: ({ principal, params, now }) => cancelSignUp(principal, params.communityId, params.activityId, now),
  cancelActivity: ({ principal, params, body, now }) =>
    cancelActivity(principal, params.communityId, params.activityId, body.reason, now),
  removeRegistration: ({ principal, params, body, now }) =>
    removeRegistration(principal, params.communityId, params.activityId, params.userId, body.reason, now),
  recordAttendance: ({ principal, params, body, now }) =>
    recordAttendance(principal, params.communityId, params.activityId, body.code, now),
  attendanceCode: ({ principal, params, now }) => attendanceCode(principal, params.communityId, params.activityId, now),
  scanVolunteerPass: ({ principal, params, body, now }) =>
    scanVolunteerPass(principal, params.communityId, params.activityId, body.pass, now),
  roster: ({ principal, params, now }) => roster(principal, params.communityId, params.activityId, now),
  reviewHours: ({ principal, params, body, now }) =>
    reviewHours(principal, params.communityId, params.activityId, params.userId, body, now),
  myVolunteering: ({ principal, params, now }) => myVolunteering(principal, params.communityId, now),
  myPass: ({ principal, params, now }) => volunteerPass(params.communityId, principal.userId, now),
  honours: ({ params, query, now }) => honours(params.communityId, query.month, now),
  listTeams: ({ principal, params }) => listTeams(principal, params.communityId),
  createTeam: ({ principal, params, body, now }) => createTeam(principal, params.communityId, body, now),
  joinTeam: ({ user, params, now }) => joinTeam(user!, params.communityId, params.teamId, now),
  listTeamMembers: ({ principal, params }) => listTeamMembers(principal, params.communityId, params.teamId),
  decideTeamMember: ({ principal, params, body, now }) =>
    decideTeamMember(principal, params.communityId, params.teamId, params.userId, body.decision, now),
  setTeamLeader: ({ principal, params, body, now }) =>
    setTeamLeader(principal, params.communityId, params.teamId, body.userId, now),
});

export const handler = httpApi(volunteerRoutes, volunteerHandlers());
