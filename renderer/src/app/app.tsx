/**
 * The window: toolbar, banners, the socket table with the owner panel beside it, the status
 * bar, toasts, the row menu and action dialogs. Owns the UI state (prefs, selection, panel);
 * the data lives in the LiveStore.
 */
import {
  Suspense,
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ActionsProvider } from '../actions/actions-context';
import { DEFAULT_TOGGLES, type FilterToggles } from '../filter/match-row';
import { parseFilter } from '../filter/parse-filter';
import type { ViewPrefs } from '../filter/view-prefs';
import type { PanelTarget } from '../panel/owner-panel';
import type { SortSpec } from '../store/sort-keys';
import type { GroupBy } from '../store/view-index';
import { groupKeyOf } from '../table/item-key';
import { SocketTable } from '../table/socket-table';
import { Toasts } from '../ui/toasts';
import { useServices, useStoreStatus } from './app-context';
import { Banners } from './banners';
import { LoadingState, NoMatches } from './empty-states';
import { OwnerPanel, prefetchLazyPartsOnInteraction, RowMenu, SettingsDialog } from './lazy-parts';
import { StatusBar } from './status-bar';
import { Toolbar } from './toolbar';
import { useGlobalKeys } from './use-global-keys';
import { useNotifications } from './use-notifications';
import { usePersistPrefs } from './use-persist-prefs';
import { useReveal } from './use-reveal';
import { buildViewSettings } from './view-settings';
import './app.css';

/** The app. */
export function App({ initialPrefs }: { initialPrefs: ViewPrefs }) {
  const services = useServices();
  const { store, toasts } = services;
  // The app itself does not re-render on data updates: the table, status bar, banners and
  // panel subscribe to the store themselves, so a delta renders only what shows data.
  const status = useStoreStatus(store);

  const [prefs, setPrefs] = useState(initialPrefs);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [scrollRequest, setScrollRequest] = useState(0);
  const [panel, setPanel] = useState<PanelTarget | null>(null);
  const [menu, setMenu] = useState<{ rowId: string; x: number; y: number } | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const filterRef = useRef<HTMLInputElement>(null);
  const gridFocus = useCallback(
    () => document.querySelector<HTMLElement>('[data-testid="socket-table"]')?.focus(),
    [],
  );

  usePersistPrefs(prefs);
  const filterText = useDeferredValue(prefs.filterText);
  const parsed = useMemo(() => parseFilter(filterText), [filterText]);
  const settings = useMemo(() => buildViewSettings(prefs, parsed, collapsed), [prefs, parsed, collapsed]);
  useLayoutEffect(() => store.setSettings(settings), [store, settings]);

  const updatePrefs = useCallback(
    (patch: Partial<ViewPrefs>) => setPrefs((old) => ({ ...old, ...patch })),
    [],
  );

  const select = useCallback((key: string, scroll: boolean) => {
    setSelected(key);
    if (scroll) setScrollRequest((n) => n + 1);
    // An open panel follows the selection.
    if (groupKeyOf(key) === null) setPanel((old) => (old ? { kind: 'row', rowId: key } : old));
  }, []);

  const toggleGroup = useCallback((groupKey: string, expand?: boolean) => {
    setCollapsed((old) => {
      const next = new Set(old);
      const open = expand ?? next.has(groupKey);
      if (open) next.delete(groupKey);
      else next.add(groupKey);
      return next;
    });
  }, []);

  const activate = useCallback(
    (key: string) => {
      const group = groupKeyOf(key);
      if (group !== null) {
        setSelected(key);
        toggleGroup(group);
        return;
      }
      setSelected(key);
      setPanel({ kind: 'row', rowId: key });
    },
    [toggleGroup],
  );

  const closePanel = useCallback(() => {
    setPanel(null);
    gridFocus();
  }, [gridFocus]);

  const clearFilter = useCallback(
    () => updatePrefs({ filterText: '', toggles: DEFAULT_TOGGLES }),
    [updatePrefs],
  );

  const showRow = useCallback(
    (rowId: string) => {
      setSelected(rowId);
      setScrollRequest((n) => n + 1);
      setPanel({ kind: 'row', rowId });
      gridFocus();
    },
    [gridFocus],
  );
  const reveal = useReveal({ store, settings, setCollapsed, clearFilter, toasts, onRevealed: showRow });
  const notifications = useNotifications(services, reveal);

  useGlobalKeys({
    focusFilter: () => {
      filterRef.current?.focus();
      filterRef.current?.select();
    },
    escape: () => {
      if (menu) setMenu(null);
      else if (panel) closePanel();
      else if (prefs.filterText) updatePrefs({ filterText: '' });
      else setSelected(null);
    },
  });

  const closeMenu = useCallback(() => setMenu(null), []);
  const openMenu = useCallback((rowId: string, x: number, y: number) => setMenu({ rowId, x, y }), []);
  const addFilterToken = useCallback(
    (token: string) =>
      setPrefs((old) => ({
        ...old,
        filterText: old.filterText.includes(token) ? old.filterText : `${old.filterText} ${token}`.trim(),
      })),
    [],
  );

  // The parts that load on demand (panel, menu, dialogs) are fetched when the user stirs.
  useEffect(prefetchLazyPartsOnInteraction, []);

  const togglesHide = Object.entries(prefs.toggles).some(
    ([key, on]) => on !== DEFAULT_TOGGLES[key as keyof FilterToggles],
  );
  // Nothing to show yet while rows are still coming is not "no matches".
  const renderEmpty = () =>
    status.phase === 'loading' || status.incoming > 0 ? (
      <LoadingState />
    ) : (
      <NoMatches
        filterText={prefs.filterText}
        togglesHide={togglesHide}
        total={store.view.total}
        onClear={clearFilter}
      />
    );

  return (
    <ActionsProvider>
      <div
        className={`app${panel ? ' app--with-panel' : ''}`}
        data-testid="app"
        data-phase={status.phase}
        data-connection={status.connection}
        data-transport={services.api.transport}
      >
        <Toolbar
          filterRef={filterRef}
          filterText={prefs.filterText}
          issues={parsed.issues}
          toggles={prefs.toggles}
          groupBy={prefs.groupBy}
          notifications={notifications}
          onFilterChange={(filterText) => updatePrefs({ filterText })}
          onFilterLeave={() => {
            const first = store.view.items[0];
            if (selected === null && first !== undefined)
              select(typeof first === 'string' ? first : `group:${first.key}`, true);
            gridFocus();
          }}
          onTogglesChange={(toggles) => updatePrefs({ toggles })}
          onGroupByChange={(groupBy: GroupBy) => updatePrefs({ groupBy })}
          onOpenSettings={() => setSettingsOpen(true)}
        />
        {settingsOpen && (
          <Suspense fallback={null}>
            <SettingsDialog onClose={() => setSettingsOpen(false)} />
          </Suspense>
        )}
        <Banners store={store} status={status} />
        <main className="workspace">
          <SocketTable
            store={store}
            selected={selected}
            scrollRequest={scrollRequest}
            sort={prefs.sort}
            columnSizes={prefs.columnSizes}
            renderEmpty={renderEmpty}
            onSortChange={(sort: SortSpec) => updatePrefs({ sort })}
            onColumnSizesChange={(columnSizes) => updatePrefs({ columnSizes })}
            onSelect={select}
            onActivate={activate}
            onToggleGroup={toggleGroup}
            onContextMenu={openMenu}
            onCommitted={() => store.committed()}
          />
          {panel && (
            <Suspense fallback={null}>
              <OwnerPanel
                target={panel}
                onClose={closePanel}
                onOpenProcess={(pid) => setPanel({ kind: 'process', pid })}
                onSelectRow={showRow}
              />
            </Suspense>
          )}
        </main>
        <StatusBar store={store} resyncing={status.resyncing} incoming={status.incoming} />
        {menu && (
          <Suspense fallback={null}>
            <RowMenu
              rowId={menu.rowId}
              x={menu.x}
              y={menu.y}
              onClose={closeMenu}
              onShowDetails={activate}
              onFilter={addFilterToken}
            />
          </Suspense>
        )}
        <Toasts store={toasts} />
      </div>
    </ActionsProvider>
  );
}
