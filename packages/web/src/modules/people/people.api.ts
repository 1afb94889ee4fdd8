// People API hooks, their query keys, and the roster filters as they appear in the URL.
import type { ResponseOf } from '@lianxin/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatePersonBody, ListPeopleQuery, UpdatePersonBody } from '@lianxin/contract';
import { api, type Query } from '../../app/api';
import { orgKeys } from '../orgs/orgs.api';

export type PeoplePage = ResponseOf<'GET', '/api/people'>;
export type JobStatus = ResponseOf<'GET', `/api/jobs/${number}`>;

export const peopleKeys = {
  all: ['people'] as const,
  list: (q: ListPeopleQuery) => [...peopleKeys.all, 'list', q] as const,
  detail: (id: number) => [...peopleKeys.all, 'detail', id] as const,
};

/** The filter keys of the roster, as URL parameters and as API query parameters. */
export const PEOPLE_FILTER_KEYS = [
  'orgId',
  'q',
  'memberStatus',
  'gender',
  'education',
  'flowStatus',
  'ageMin',
  'ageMax',
  'joinFrom',
  'joinTo',
  'status',
  'sort',
  'order',
  'page',
  'pageSize',
] as const;
export type PeopleUrl = Partial<Record<(typeof PEOPLE_FILTER_KEYS)[number], string>>;

export function peopleQuery(v: PeopleUrl): ListPeopleQuery {
  const int = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : undefined);
  const q: Record<string, unknown> = {
    orgId: int(v.orgId),
    q: v.q?.trim() || undefined,
    memberStatus: v.memberStatus,
    gender: v.gender,
    education: v.education,
    flowStatus: v.flowStatus,
    ageMin: int(v.ageMin),
    ageMax: int(v.ageMax),
    joinFrom: v.joinFrom,
    joinTo: v.joinTo,
    status: v.status,
    sort: v.sort,
    order: v.order,
    page: int(v.page) ?? 1,
    pageSize: int(v.pageSize) ?? 20,
  };
  for (const k of Object.keys(q)) if (q[k] === undefined) delete q[k];
  return q as ListPeopleQuery;
}

export function usePeople(query: ListPeopleQuery) {
  return useQuery({
    queryKey: peopleKeys.list(query),
    queryFn: () => api.get('/api/people', query as Query),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: number | undefined) {
  return useQuery({ queryKey: peopleKeys.detail(id ?? 0), queryFn: () => api.get(`/api/people/${id ?? 0}`), enabled: id !== undefined });
}

function useInvalidatePeople() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: peopleKeys.all });
    await client.invalidateQueries({ queryKey: orgKeys.all });
  };
}

export function useCreatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({ mutationFn: (body: CreatePersonBody) => api.post('/api/people', body), onSuccess: invalidate });
}

export function useUpdatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdatePersonBody & { id: number }) => api.patch(`/api/people/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useImportInvalidate() {
  return useInvalidatePeople();
}

export const importApi = {
  check: (file: File, mode: 'all_or_nothing' | 'valid_only') => {
    const form = new FormData();
    form.append('file', file, file.name);
    // A dry run always answers the report (only a real import may start a background job).
    return api.upload('/api/people/import', form, { dryRun: true, mode }).then((r) => {
      if (!('totalRows' in r)) throw new Error('预检查没有返回报告');
      return r;
    });
  },
  run: (file: File, mode: 'all_or_nothing' | 'valid_only') => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload('/api/people/import', form, { dryRun: false, mode });
  },
  job: (id: number) => api.get(`/api/jobs/${id}`),
};
