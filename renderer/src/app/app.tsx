/**
 * The window: toolbar, banners, the socket table with the owner panel beside it, the status
 * bar, toasts, the row menu and action dialogs. Owns the UI state (prefs, selection, panel);
 * the data lives in the LiveStore.
 */
import { Suspense, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { ActionsAndDiagnoseProvider } from '../diagnose/diagnose-context';
import { DiagnoseToolbarButtons } from '../diagnose/toolbar-buttons';
import { DEFAULT_TOGGLES, type FilterToggles } from '../filter/match-row';
import type { ViewPrefs } from '../filter/view-prefs';
import type { StoreStatus } from '../store/live-store';
import { SocketTable } from '../table/socket-table';
import { useActions } from '../actions/actions-context';
import { PauseControl } from '../pause/pause-control';
import { MarksBar } from '../selection/marks-bar';
import { useRowMarks } from '../selection/use-row-marks';
import { Toasts } from '../ui/toasts';
import { ExportMenu } from '../views/export-menu';
import { ViewsToolbarButtons } from '../views/views-buttons';
import { useServices, useStoreStatus } from './app-context';
import { Banners } from './banners';
import { LoadingState, NoMatches } from './empty-states';
import { OwnerPanel, prefetchLazyPartsOnInteraction, RowMenu, SettingsDialog } from './lazy-parts';
import { PanelSplit } from './panel-split';
import { StatusBar } from './status-bar';
import { Toolbar } from './toolbar';
import { useFilterAnnouncement } from './use-filter-announcement';
import { useGlobalKeys } from './use-global-keys';
import { useNotifications } from './use-notifications';
import { useReveal } from './use-reveal';
import { focusGrid, useSelection } from './use-selection';
import { useViewState } from './use-view-state';
import './app.css';

type ViewState = ReturnType<typeof useViewState>;
type Selection = ReturnType<typeof useSelection>;
type MenuAt = { rowId: string; x: number; y: number };

/** What the table body shows when no item does: still loading, or nothing matches. */
function useRenderEmpty(view: ViewState, status: StoreStatus) {
  const { store } = useServices();
  const { prefs, clearFilter } = view;
  const togglesHide = Object.entries(prefs.toggles).some(
    ([key, on]) => on !== DEFAULT_TOGGLES[key as keyof FilterToggles],
  );
  // Nothing to show yet while rows are still coming is not "no matches".
  return () =>
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
}

/** The table and, beside it, the owner panel. */
function Workspace(props: {
  view: ViewState;
  selection: Selection;
  status: StoreStatus;
  openMenu: (rowId: string, x: number, y: number) => void;
}) {
  const { store } = useServices();
  const { view, selection } = props;
  const renderEmpty = useRenderEmpty(view, props.status);
  const { prefs, updatePrefs } = view;
  const { panel, setPanel } = selection;
  const marks = useRowMarks(store, selection.selected, useActions());
  return (
    <main className="workspace">
      <SocketTable
        store={store}
        selected={selection.selected}
        marked={marks.marked}
        scrollRequest={selection.scrollRequest}
        sort={prefs.sort}
        columnSizes={prefs.columnSizes}
        columnOrder={prefs.columnOrder}
        hiddenColumns={prefs.hiddenColumns}
        renderEmpty={renderEmpty}
        onSortChange={(sort) => updatePrefs({ sort })}
        onColumnSizesChange={(columnSizes) => updatePrefs({ columnSizes })}
        onColumnsChange={updatePrefs}
        onSelect={selection.select}
        onActivate={selection.activate}
        onToggleGroup={view.toggleGroup}
        onContextMenu={props.openMenu}
        onCommitted={() => store.committed()}
      />
      <MarksBar count={marks.marked.size} onCopy={marks.copyMarked} onClear={marks.clearMarks} />
      {panel && (
        <PanelSplit width={prefs.panelWidth} onWidthChange={(panelWidth) => updatePrefs({ panelWidth })}>
          <Suspense fallback={null}>
            <OwnerPanel
              target={panel}
              focusRequest={selection.panelFocus}
              onClose={selection.closePanel}
              onOpenProcess={(pid) => setPanel({ kind: 'process', pid })}
              onSelectRow={selection.showRow}
            />
          </Suspense>
        </PanelSplit>
      )}
    </main>
  );
}

/** The toolbar, wired to the view prefs; leaving the filter selects the first item if none is. */
function AppToolbar(props: {
  view: ViewState;
  selection: Selection;
  filterRef: RefObject<HTMLInputElement | null>;
  notifications: ReturnType<typeof useNotifications>;
  onOpenSettings: () => void;
}) {
  const { store } = useServices();
  const { view, selection } = props;
  const { prefs, updatePrefs } = view;
  const onFilterLeave = () => {
    const first = store.view.items[0];
    if (selection.selected === null && first !== undefined)
      selection.select(typeof first === 'string' ? first : `group:${first.key}`, true);
    focusGrid();
  };
  return (
    <Toolbar
      filterRef={props.filterRef}
      filterText={prefs.filterText}
      issues={view.parsed.issues}
      toggles={prefs.toggles}
      groupBy={prefs.groupBy}
      notifications={props.notifications}
      onFilterChange={(filterText) => updatePrefs({ filterText })}
      onFilterLeave={onFilterLeave}
      onTogglesChange={(toggles) => updatePrefs({ toggles })}
      onGroupByChange={(groupBy) => updatePrefs({ groupBy })}
      onOpenSettings={props.onOpenSettings}
      tools={
        <>
          <PauseControl />
          <ExportMenu />
          <DiagnoseToolbarButtons />
          <ViewsToolbarButtons onFilter={(filterText) => updatePrefs({ filterText })} />
        </>
      }
    />
  );
}

/** The app. */
export function App({ initialPrefs }: { initialPrefs: ViewPrefs }) {
  const services = useServices();
  const { store, toasts } = services;
  // The app itself does not re-render on data updates: the table, status bar, banners and
  // panel subscribe to the store themselves, so a delta renders only what shows data.
  const status = useStoreStatus(store);
  const view = useViewState(store, initialPrefs);
  const selection = useSelection(view.toggleGroup);
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const filterRef = useRef<HTMLInputElement>(null);

  const { settings, setCollapsed, clearFilter } = view;
  const reveal = useReveal({
    store,
    settings,
    setCollapsed,
    clearFilter,
    toasts,
    onRevealed: selection.showRow,
  });
  const notifications = useNotifications(services, reveal);
  useFilterAnnouncement(store, view.prefs.filterText, view.prefs.toggles);
  useGlobalKeys({
    focusFilter: () => {
      filterRef.current?.focus();
      filterRef.current?.select();
    },
    escape: () => {
      if (menu) setMenu(null);
      else if (selection.panel) selection.closePanel();
      else if (view.prefs.filterText) view.updatePrefs({ filterText: '' });
      else selection.setSelected(null);
    },
  });
  const closeMenu = useCallback(() => setMenu(null), []);
  const openMenu = useCallback((rowId: string, x: number, y: number) => setMenu({ rowId, x, y }), []);
  // The parts that load on demand (panel, menu, dialogs) are fetched when the user stirs.
  useEffect(prefetchLazyPartsOnInteraction, []);

  return (
    <ActionsAndDiagnoseProvider>
      <div
        className={`app${selection.panel ? ' app--with-panel' : ''}`}
        data-testid="app"
        data-phase={status.phase}
        data-connection={status.connection}
        data-transport={services.api.transport}
      >
        <AppToolbar
          view={view}
          selection={selection}
          filterRef={filterRef}
          notifications={notifications}
          onOpenSettings={() => setSettingsOpen(true)}
        />
        {settingsOpen && (
          <Suspense fallback={null}>
            <SettingsDialog onClose={() => setSettingsOpen(false)} />
          </Suspense>
        )}
        <Banners store={store} status={status} />
        <Workspace view={view} selection={selection} status={status} openMenu={openMenu} />
        <StatusBar store={store} resyncing={status.resyncing} incoming={status.incoming} />
        {menu && (
          <Suspense fallback={null}>
            <RowMenu
              {...menu}
              onClose={closeMenu}
              onShowDetails={selection.activate}
              onFilter={view.addFilterToken}
            />
          </Suspense>
        )}
        <Toasts store={toasts} />
      </div>
    </ActionsAndDiagnoseProvider>
  );
}
