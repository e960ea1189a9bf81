package org.hepgraph.io.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * Which columns of an event CSV hold which lepton quantity: declared, never guessed from the data.
 *
 * <p>A mapping has {@code count} lepton slots per row; for each {@link Quantity} it names a column
 * template in which {@code {i}} stands for the slot number 1..count ({@code pt{i}} → {@code pt1},
 * {@code pt2}). Needed: {@code pt, eta, phi} or {@code px, py, pz}; {@code charge}; and the
 * flavour, from a PDG-id column ({@code pid}) or fixed for the file ({@code flavour=mu|e}). {@code
 * e} is optional (else computed from the momentum and the flavour's mass). {@code event_columns}
 * are per-event numbers (e.g. {@code M}) that become graph features; {@code ids} are integer
 * columns (e.g. {@code Run, Event}) written beside each score.
 *
 * <p>The built-in layouts ({@link #layout}) are those of the CMS open-data CSVs; their header must
 * be exactly theirs. A custom mapping ({@link #custom}, from {@code key=value} settings or a
 * mapping file with the same keys, one per line) needs only its named columns to be present.
 *
 * @param name the layout name, or {@code custom}
 * @param count lepton slots per row (every slot is a node; all must be filled)
 * @param columns column template per quantity
 * @param flavour the flavour of every lepton when there is no {@code pid} column, else null
 * @param eventColumns per-event float columns → graph features
 * @param idColumns per-event integer columns → id columns of the data set
 * @param header the exact header of a built-in layout, or null for a custom mapping
 */
public record LeptonMapping(
        String name,
        int count,
        Map<Quantity, String> columns,
        Flavour flavour,
        List<String> eventColumns,
        List<String> idColumns,
        List<String> header) {

    /** A per-lepton quantity a mapping can name; {@link #key()} is its settings key. */
    public enum Quantity {
        PT,
        ETA,
        PHI,
        E,
        PX,
        PY,
        PZ,
        CHARGE,
        PID;

        /** The settings key, e.g. {@code pt}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Lepton flavour, with the mass used when a file has no energy column. */
    public enum Flavour {
        ELECTRON("e", 11, 0.000510998950),
        MUON("mu", 13, 0.1056583755);

        private final String key;
        private final int pdgId;
        private final double mass;

        Flavour(String key, int pdgId, double mass) {
            this.key = key;
            this.pdgId = pdgId;
            this.mass = mass;
        }

        /** The settings value, {@code e} or {@code mu}. */
        public String key() {
            return key;
        }

        /** |PDG id|: 11 or 13. */
        public int pdgId() {
            return pdgId;
        }

        /** Mass in GeV (PDG 2024). */
        public double mass() {
            return mass;
        }

        /** The flavour of PDG id {@code pid} (either sign), or null. */
        public static Flavour ofPdgId(double pid) {
            for (Flavour f : values()) {
                if (Math.abs(pid) == f.pdgId) {
                    return f;
                }
            }
            return null;
        }
    }

    /** The slot columns {@code pt1, eta1, phi1, Q1, ...} of the CMS files with polar leptons. */
    private static final Map<Quantity, String> POLAR =
            Map.of(
                    Quantity.PT, "pt{i}",
                    Quantity.ETA, "eta{i}",
                    Quantity.PHI, "phi{i}",
                    Quantity.CHARGE, "Q{i}");

    /** The built-in layouts, by name. */
    public static final List<String> LAYOUTS =
            List.of(
                    "dimuon",
                    "dimuon_masses",
                    "dielectron",
                    "dielectron_masses",
                    "fourlepton",
                    "wenu",
                    "wmunu");

    /** The keys of a custom mapping (settings or mapping file). */
    public static final Set<String> CUSTOM_KEYS = customKeys();

    public LeptonMapping {
        columns = new EnumMap<>(columns);
        eventColumns = List.copyOf(eventColumns);
        idColumns = List.copyOf(idColumns);
        header = header == null ? null : List.copyOf(header);
    }

    /**
     * The built-in layout {@code name} ({@link #LAYOUTS}).
     *
     * @throws InvalidArgumentException naming the layouts when {@code name} is not one
     */
    public static LeptonMapping layout(String name) {
        return switch (name) {
            case "dimuon" ->
                    builtIn(
                            name,
                            2,
                            List.of("pt", "eta", "phi", "Q", "dxy", "iso"),
                            POLAR,
                            Flavour.MUON,
                            List.of());
            case "dimuon_masses" ->
                    builtIn(
                            name,
                            2,
                            List.of("Type", "E", "px", "py", "pz", "pt", "eta", "phi", "Q"),
                            fourVector(Map.of()),
                            Flavour.MUON,
                            List.of("M"));
            case "dielectron" ->
                    builtIn(
                            name,
                            2,
                            List.of(
                                    "pt",
                                    "eta",
                                    "phi",
                                    "Q",
                                    "type",
                                    "sigmaEtaEta",
                                    "HoverE",
                                    "isoTrack",
                                    "isoEcal",
                                    "isoHcal"),
                            POLAR,
                            Flavour.ELECTRON,
                            List.of());
            case "dielectron_masses" ->
                    builtIn(
                            name,
                            2,
                            List.of("E", "px", "py", "pz", "pt", "eta", "phi", "Q"),
                            fourVector(Map.of()),
                            Flavour.ELECTRON,
                            List.of("M"));
            case "wenu" ->
                    single(
                            name,
                            List.of(
                                    "pt",
                                    "eta",
                                    "phi",
                                    "Q",
                                    "type",
                                    "delEta",
                                    "delPhi",
                                    "sigmaEtaEta",
                                    "HoverE",
                                    "isoTrack",
                                    "isoEcal",
                                    "isoHcal"),
                            Flavour.ELECTRON);
            case "wmunu" ->
                    single(
                            name,
                            List.of("pt", "eta", "phi", "Q", "chiSq", "dxy", "iso"),
                            Flavour.MUON);
            case "fourlepton" ->
                    builtIn(
                            name,
                            4,
                            List.of("PID", "E", "px", "py", "pz", "pt", "eta", "phi", "Q"),
                            fourVector(Map.of(Quantity.PID, "PID{i}")),
                            null,
                            List.of("mZ1", "mZ2", "M"));
            default ->
                    throw new InvalidArgumentException(
                            "csv: layout = '"
                                    + name
                                    + "' is not a built-in layout; use one of "
                                    + LAYOUTS
                                    + ", or declare the columns (count=N, pt=..., see"
                                    + " docs/data.md)");
        };
    }

    /**
     * The (E, px, py, pz) columns plus {@code more}. The files with both a 4-vector and pt, eta,
     * phi columns do not always agree (in Zmumu_Run2011A_masses.csv pT differs from √(px² + py²) by
     * more than 1 % in 12 % of the rows: the two come from different fits); their M column is the
     * mass of the 4-vectors, so the layouts read those.
     */
    private static Map<Quantity, String> fourVector(Map<Quantity, String> more) {
        Map<Quantity, String> m = new EnumMap<>(Quantity.class);
        m.put(Quantity.E, "E{i}");
        m.put(Quantity.PX, "px{i}");
        m.put(Quantity.PY, "py{i}");
        m.put(Quantity.PZ, "pz{i}");
        m.put(Quantity.CHARGE, "Q{i}");
        m.putAll(more);
        return m;
    }

    /**
     * A W → ℓν file of record 545: one lepton per row, its columns without a slot number, then the
     * missing transverse energy {@code MET, phiMET} (event columns, i.e. graph features).
     */
    private static LeptonMapping single(String name, List<String> perLepton, Flavour flavour) {
        List<String> event = List.of("MET", "phiMET");
        List<String> header = new ArrayList<>(List.of("Run", "Event"));
        header.addAll(perLepton);
        header.addAll(event);
        return new LeptonMapping(
                name,
                1,
                Map.of(
                        Quantity.PT, "pt",
                        Quantity.ETA, "eta",
                        Quantity.PHI, "phi",
                        Quantity.CHARGE, "Q"),
                flavour,
                event,
                List.of("Run", "Event"),
                header);
    }

    private static LeptonMapping builtIn(
            String name,
            int count,
            List<String> perLepton,
            Map<Quantity, String> columns,
            Flavour flavour,
            List<String> event) {
        List<String> header = new ArrayList<>(List.of("Run", "Event"));
        for (int i = 1; i <= count; i++) {
            for (String c : perLepton) {
                header.add(c + i);
            }
        }
        header.addAll(event);
        return new LeptonMapping(
                name, count, columns, flavour, event, List.of("Run", "Event"), header);
    }

    /**
     * A custom mapping from {@link #CUSTOM_KEYS} settings ({@code count}, {@code pt}, ... as
     * templates; {@code flavour}; {@code event_columns} and {@code ids} as lists separated by
     * {@code +} or {@code ,}).
     *
     * @param where names the source of the settings in messages (the URI or the mapping file)
     * @param get the setting of a key, or null
     */
    public static LeptonMapping custom(String where, Function<String, String> get) {
        String countText = get.apply("count");
        if (countText == null) {
            throw new InvalidArgumentException(
                    where
                            + ": a custom column mapping needs count = the lepton slots per row,"
                            + " e.g. count=2 with pt=pt{i},eta=eta{i},phi=phi{i},charge=Q{i}");
        }
        int count;
        try {
            count = Integer.parseInt(countText.trim());
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1) {
            throw new InvalidArgumentException(
                    where + ": count = '" + countText + "'; give the lepton slots per row (>= 1)");
        }
        Map<Quantity, String> columns = new EnumMap<>(Quantity.class);
        for (Quantity q : Quantity.values()) {
            String t = get.apply(q.key());
            if (t != null && !t.isBlank()) {
                t = t.trim();
                if (count > 1 && !t.contains("{i}")) {
                    throw new InvalidArgumentException(
                            String.format(
                                    "%s: %s = '%s' has no {i}, so all %d leptons would read the"
                                            + " same column; write e.g. %s=%s{i}",
                                    where, q.key(), t, count, q.key(), t));
                }
                columns.put(q, t);
            }
        }
        boolean polar = has(columns, Quantity.PT, Quantity.ETA, Quantity.PHI);
        boolean cartesian = has(columns, Quantity.PX, Quantity.PY, Quantity.PZ);
        if (!polar && !cartesian) {
            throw new InvalidArgumentException(
                    where
                            + ": the mapping names "
                            + keys(columns)
                            + "; it needs the momentum as pt, eta, phi (or px, py, pz), e.g."
                            + " pt=pt{i},eta=eta{i},phi=phi{i}");
        }
        if (!columns.containsKey(Quantity.CHARGE)) {
            throw new InvalidArgumentException(
                    where + ": the mapping names no charge column; add e.g. charge=Q{i}");
        }
        String flavourText = get.apply("flavour");
        Flavour flavour = null;
        if (flavourText != null && !flavourText.isBlank()) {
            for (Flavour f : Flavour.values()) {
                if (f.key.equals(flavourText.trim())) {
                    flavour = f;
                }
            }
            if (flavour == null) {
                throw new InvalidArgumentException(
                        where + ": flavour = '" + flavourText + "'; use e or mu");
            }
        }
        if ((flavour == null) == !columns.containsKey(Quantity.PID)) {
            throw new InvalidArgumentException(
                    where
                            + (flavour == null
                                    ? ": the mapping gives no flavour; add pid=PID{i} (a PDG-id"
                                            + " column) or flavour=mu (or e) for the whole file"
                                    : ": the mapping gives both pid and flavour; keep one"));
        }
        return new LeptonMapping(
                "custom",
                count,
                columns,
                flavour,
                list(get.apply("event_columns")),
                list(get.apply("ids")),
                null);
    }

    /**
     * A custom mapping read from {@code file}: {@code key = value} lines with the keys of {@link
     * #CUSTOM_KEYS}; {@code #} starts a comment.
     */
    public static LeptonMapping fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new DataFormatException(
                    "csv: cannot read the mapping file "
                            + file.toAbsolutePath()
                            + " ("
                            + e
                            + "); give an existing file of key = value lines",
                    e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n).strip();
            int hash = l.indexOf('#');
            l = hash < 0 ? l : l.substring(0, hash).strip();
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            String key = eq < 0 ? l : l.substring(0, eq).strip();
            if (eq < 0 || !CUSTOM_KEYS.contains(key)) {
                throw new DataFormatException(
                        String.format(
                                "csv: mapping file %s, line %d: '%s' is not key = value with a"
                                        + " key from %s",
                                file, n + 1, lines.get(n).strip(), CUSTOM_KEYS));
            }
            values.put(key, l.substring(eq + 1).strip());
        }
        return custom("csv: mapping file " + file, values::get);
    }

    /** The column of {@code q} for slot {@code slot} (1-based), or null when not mapped. */
    public String column(Quantity q, int slot) {
        String t = columns.get(q);
        return t == null ? null : t.replace("{i}", Integer.toString(slot));
    }

    /** Every column the mapping reads, in order: ids, then per slot its quantities, then events. */
    public List<String> requiredColumns() {
        Set<String> out = new LinkedHashSet<>(idColumns);
        for (int i = 1; i <= count; i++) {
            for (Quantity q : columns.keySet()) {
                out.add(column(q, i));
            }
        }
        out.addAll(eventColumns);
        return List.copyOf(out);
    }

    /**
     * Checks {@code found} (a file's header) against this mapping: a built-in layout's header must
     * be exactly {@link #header}; a custom mapping's columns must all be present. Returns the
     * position of each column in the header.
     *
     * @throws DataFormatException listing the expected and found columns
     */
    public Map<String, Integer> check(String file, List<String> fileHeader) {
        List<String> found = header == null ? fileHeader : canonical(header, fileHeader);
        Map<String, Integer> at = new LinkedHashMap<>();
        for (int c = 0; c < found.size(); c++) {
            if (at.put(found.get(c), c) != null) {
                throw new DataFormatException(
                        String.format(
                                "csv: %s: the header names column '%s' twice (columns %d and %d);"
                                        + " column names must be unique",
                                file, found.get(c), at.get(found.get(c)) + 1, c + 1));
            }
        }
        List<String> expected = header != null ? header : requiredColumns();
        List<String> missing = expected.stream().filter(c -> !at.containsKey(c)).toList();
        List<String> extra =
                header == null
                        ? List.of()
                        : found.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty() || !extra.isEmpty() || (header != null && !header.equals(found))) {
            String matches = matchingLayout(found);
            throw new DataFormatException(
                    String.format(
                            "csv: %s does not have the columns of %s: expected %s (%d columns),"
                                    + " found %s (%d columns); missing %s, unexpected %s. %s",
                            file,
                            header != null ? "layout=" + name : "the declared mapping",
                            expected,
                            expected.size(),
                            found,
                            found.size(),
                            missing,
                            extra,
                            matches != null && !matches.equals(name)
                                    ? "The header is that of layout=" + matches + "; use it"
                                    : otherSeparator(found) != null
                                            ? "The header is one column holding '"
                                                    + otherSeparator(found)
                                                    + "': the file is not comma-separated; save it"
                                                    + " as comma-separated CSV"
                                            : pandasIndex(found)
                                                    ? "The first column has no name ('"
                                                            + found.getFirst()
                                                            + "'): a row index that pandas' to_csv"
                                                            + " wrote; drop that column or write the file"
                                                            + " again with index=False"
                                                    : "Declare the file's own columns (count=N, pt=...,"
                                                            + " or mapping=FILE; see docs/data.md)"));
        }
        return at;
    }

    /** The separator a one-column header holds instead of commas (";" or a tab), or null. */
    private static String otherSeparator(List<String> found) {
        if (found.size() != 1) {
            return null;
        }
        return found.getFirst().contains(";")
                ? ";"
                : found.getFirst().contains("\t") ? "\\t" : null;
    }

    /**
     * Whether the first column looks like a pandas row index ({@code ""} or {@code Unnamed: 0}).
     */
    private static boolean pandasIndex(List<String> found) {
        return !found.isEmpty()
                && (found.getFirst().isEmpty() || found.getFirst().matches("Unnamed: \\d+"));
    }

    /**
     * {@code found} with each name that equals one of {@code names} ignoring case spelled as there:
     * the public files spell the same column {@code Type1} (Zmumu_Run2011A_masses.csv) or {@code
     * type1} (copies of Dimuon_DoubleMu.csv), so built-in layouts match names ignoring case.
     */
    static List<String> canonical(List<String> names, List<String> found) {
        List<String> out = new ArrayList<>(found.size());
        for (String f : found) {
            String c = f;
            for (String n : names) {
                if (n.equalsIgnoreCase(f)) {
                    c = n;
                    break;
                }
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The built-in layout whose header is {@code found} (names compared ignoring case), or null.
     */
    public static String matchingLayout(List<String> found) {
        for (String l : LAYOUTS) {
            List<String> h = layout(l).header();
            if (h.equals(canonical(h, found))) {
                return l;
            }
        }
        return null;
    }

    private static boolean has(Map<Quantity, String> m, Quantity... qs) {
        return Arrays.stream(qs).allMatch(m::containsKey);
    }

    private static List<String> keys(Map<Quantity, String> m) {
        return m.keySet().stream().map(Quantity::key).toList();
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[+,]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Set<String> customKeys() {
        Set<String> keys = new LinkedHashSet<>(List.of("count"));
        for (Quantity q : Quantity.values()) {
            keys.add(q.key());
        }
        keys.addAll(List.of("flavour", "event_columns", "ids"));
        return java.util.Collections.unmodifiableSet(keys);
    }
}
