// Lets a page add the last breadcrumb (e.g. a person's name) to the shell's breadcrumbs.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

type Crumb = { title: string | undefined; setTitle: (t: string | undefined) => void };
const PageContext = createContext<Crumb>({ title: undefined, setTitle: () => undefined });

export function PageCrumbProvider({ children }: { children: ReactNode }) {
  const [title, setTitle] = useState<string | undefined>();
  return <PageContext.Provider value={{ title, setTitle }}>{children}</PageContext.Provider>;
}

export function usePageCrumb(title: string | undefined) {
  const { setTitle } = useContext(PageContext);
  useEffect(() => {
    setTitle(title);
    return () => setTitle(undefined);
  }, [title, setTitle]);
}

export function useCurrentCrumb() {
  return useContext(PageContext).title;
}
