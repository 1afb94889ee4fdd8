// 教育培训 API hooks: categories, courses, sessions (the calendar), a session's roster and its
// attendance taps, talks, a person's record and the coverage board — one key factory, so a tick
// refreshes the session, the calendar's person-times and the coverage.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateTrainingCourseBody,
  CreateTrainingSessionBody,
  CreateTrainingTalkBody,
  ListTrainingCoursesQuery,
  ListTrainingSessionsQuery,
  ListTrainingTalksQuery,
  TickAttendanceBody,
  AttendSheetBody,
  TrainingCoverageQuery,
} from '@lianxin/contract';
import { api } from '../../app/api';

export const trainingKeys = {
  all: ['training'] as const,
  categories: () => [...trainingKeys.all, 'categories'] as const,
  courses: (q: ListTrainingCoursesQuery) => [...trainingKeys.all, 'courses', q] as const,
  sessions: (q: ListTrainingSessionsQuery) => [...trainingKeys.all, 'sessions', q] as const,
  session: (id: number) => [...trainingKeys.all, 'session', id] as const,
  roster: (id: number) => [...trainingKeys.all, 'roster', id] as const,
  talks: (q: ListTrainingTalksQuery) => [...trainingKeys.all, 'talks', q] as const,
  person: (id: number, year?: number) => [...trainingKeys.all, 'person', id, year ?? 0] as const,
  coverage: (q: TrainingCoverageQuery) => [...trainingKeys.all, 'coverage', q] as const,
};

function clean<T extends object>(q: T): T {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export const useTrainingCategories = () => useQuery({ queryKey: trainingKeys.categories(), queryFn: () => api.get('/api/training/categories', { pageSize: 200 }) });
export const useCourses = (q: ListTrainingCoursesQuery) =>
  useQuery({ queryKey: trainingKeys.courses(q), queryFn: () => api.get('/api/training/courses', clean(q)), placeholderData: keepPreviousData });
export const useSessions = (q: ListTrainingSessionsQuery) =>
  useQuery({ queryKey: trainingKeys.sessions(q), queryFn: () => api.get('/api/training/sessions', clean(q)), placeholderData: keepPreviousData });
export const useSession = (id: number) => useQuery({ queryKey: trainingKeys.session(id), queryFn: () => api.get(`/api/training/sessions/${id}`) });
export const useRoster = (id: number) => useQuery({ queryKey: trainingKeys.roster(id), queryFn: () => api.get(`/api/training/sessions/${id}/roster`) });
export const useTalks = (q: ListTrainingTalksQuery) =>
  useQuery({ queryKey: trainingKeys.talks(q), queryFn: () => api.get('/api/training/talks', clean(q)), placeholderData: keepPreviousData });
export const usePersonTraining = (id: number, year?: number) =>
  useQuery({ queryKey: trainingKeys.person(id, year), queryFn: () => api.get(`/api/training/people/${id}`, clean({ year, pageSize: 50 })) });
export const useCoverage = (q: TrainingCoverageQuery) =>
  useQuery({ queryKey: trainingKeys.coverage(q), queryFn: () => api.get('/api/training/coverage', clean(q)), placeholderData: keepPreviousData });

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: trainingKeys.all });
}
export function useAddCourse() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreateTrainingCourseBody) => api.post('/api/training/courses', body), onSuccess: refresh });
}
export function useAddSession() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreateTrainingSessionBody) => api.post('/api/training/sessions', body), onSuccess: refresh });
}
export function useAddTalk() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreateTrainingTalkBody) => api.post('/api/training/talks', body), onSuccess: refresh });
}
/** A tap on the roster: the answer is the roster as it now stands, put straight into the cache. */
export function useTick(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TickAttendanceBody) => api.post(`/api/training/sessions/${id}/attendance`, body),
    onSuccess: (roster) => {
      qc.setQueryData(trainingKeys.roster(id), roster);
      void qc.invalidateQueries({ queryKey: trainingKeys.session(id) });
      void qc.invalidateQueries({ queryKey: [...trainingKeys.all, 'sessions'] });
    },
  });
}
/** 全部到课: the whole roster as one sign-in sheet, all or nothing; the answer is the roster as it now stands. */
export function useAttendSheet(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AttendSheetBody) => api.post(`/api/training/sessions/${id}/attendance/sheet`, body),
    onSuccess: (roster) => {
      qc.setQueryData(trainingKeys.roster(id), roster);
      void qc.invalidateQueries({ queryKey: trainingKeys.session(id) });
      void qc.invalidateQueries({ queryKey: [...trainingKeys.all, 'sessions'] });
    },
  });
}
