package org.hepgraph.io.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.ExtensionTypeRegistry;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.hepgraph.HepgraphException.DataFormatException;

/**
 * Arrow's canonical {@code arrow.fixed_shape_tensor} extension type, which Arrow Java 19 lacks:
 * storage {@code FixedSizeList<value>(prod(shape))}, metadata {@code {"shape":[...]}} (row-major,
 * no permutation, no dimension names). pyarrow reads such a column as its own {@code
 * FixedShapeTensorArray}.
 */
public final class FixedShapeTensorType extends ArrowType.ExtensionType {

    /** The canonical extension name. */
    public static final String NAME = "arrow.fixed_shape_tensor";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long[] shape;
    private final int listSize;

    /** The type of one tensor of {@code shape} (each dimension >= 0). */
    public FixedShapeTensorType(long... shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "FixedShapeTensorType: dimension " + d + " in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "FixedShapeTensorType: shape "
                            + Arrays.toString(shape)
                            + " holds "
                            + n
                            + " values but a FixedSizeList holds at most "
                            + Integer.MAX_VALUE);
        }
        this.shape = shape.clone();
        this.listSize = (int) n;
    }

    /** Registers the type, so that Arrow Java turns such fields into this type when it reads. */
    public static void ensureRegistered() {
        if (ExtensionTypeRegistry.lookup(NAME) == null) {
            ExtensionTypeRegistry.register(new FixedShapeTensorType(0));
        }
    }

    /** A non-null field {@code name} holding one tensor of {@code shape} with {@code value}s. */
    public static Field field(String name, ArrowType value, long... shape) {
        Field item = new Field("item", FieldType.nullable(value), null);
        return new Field(
                name,
                FieldType.notNullable(new FixedShapeTensorType(shape)),
                java.util.List.of(item));
    }

    /** The shape of one tensor. */
    public long[] shape() {
        return shape.clone();
    }

    /** Values in one tensor: the product of the shape. */
    public int listSize() {
        return listSize;
    }

    @Override
    public ArrowType storageType() {
        return new ArrowType.FixedSizeList(listSize);
    }

    @Override
    public String extensionName() {
        return NAME;
    }

    @Override
    public boolean extensionEquals(ArrowType.ExtensionType other) {
        return other instanceof FixedShapeTensorType t && Arrays.equals(shape, t.shape);
    }

    @Override
    public String serialize() {
        StringBuilder sb = new StringBuilder("{\"shape\":[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return sb.append("]}").toString();
    }

    @Override
    public ArrowType deserialize(ArrowType storageType, String serializedData) {
        long[] s = parseShape(serializedData);
        FixedShapeTensorType t = new FixedShapeTensorType(s);
        if (!(storageType instanceof ArrowType.FixedSizeList l) || l.getListSize() != t.listSize) {
            throw new DataFormatException(
                    String.format(
                            "%s: storage %s does not hold shape %s (needs FixedSizeList(%d))",
                            NAME, storageType, Arrays.toString(s), t.listSize));
        }
        return t;
    }

    /** The shape in an {@code arrow.fixed_shape_tensor} metadata string. */
    static long[] parseShape(String serializedData) {
        try {
            JsonNode root = JSON.readTree(serializedData);
            JsonNode dims = root == null ? null : root.get("shape");
            if (dims == null || !dims.isArray()) {
                throw new DataFormatException(
                        NAME + ": metadata " + serializedData + " has no \"shape\" array");
            }
            if (root.has("permutation") && !root.get("permutation").isNull()) {
                JsonNode p = root.get("permutation");
                for (int i = 0; i < p.size(); i++) {
                    if (p.get(i).asInt() != i) {
                        throw new DataFormatException(
                                NAME
                                        + ": metadata "
                                        + serializedData
                                        + " has a permutation; hepgraph reads row-major tensors"
                                        + " only (pass a C-contiguous array)");
                    }
                }
            }
            long[] s = new long[dims.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = dims.get(i).asLong();
            }
            return s;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataFormatException(
                    NAME + ": metadata " + serializedData + " is not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public FieldVector getNewVector(String name, FieldType fieldType, BufferAllocator allocator) {
        return new Vector(
                name,
                allocator,
                new FixedSizeListVector(
                        name, allocator, FieldType.notNullable(storageType()), null));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedShapeTensorType t && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "FixedShapeTensorType" + Arrays.toString(shape);
    }

    /** The vector Arrow Java builds for this type: the storage list, values as its child. */
    public static final class Vector extends ExtensionTypeVector<FixedSizeListVector> {
        Vector(String name, BufferAllocator allocator, FixedSizeListVector storage) {
            super(name, allocator, storage);
        }

        @Override
        public Object getObject(int index) {
            return getUnderlyingVector().getObject(index);
        }

        @Override
        public int hashCode(int index) {
            return getUnderlyingVector().hashCode(index);
        }

        @Override
        public int hashCode(int index, org.apache.arrow.memory.util.hash.ArrowBufHasher hasher) {
            return getUnderlyingVector().hashCode(index, hasher);
        }
    }
}
