package io.deltasql.log.checkpoint;

import org.apache.parquet.column.Dictionary;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Assembles checkpoint rows as {@link CompactGroup}s. Text columns are decoded to String once; for
 * dictionary-encoded ones (partition values, tag keys, feature names) each dictionary entry is decoded
 * only the first time it is used.
 */
final class CompactRecordMaterializer extends RecordMaterializer<Group> {
    private final GroupNode root;

    CompactRecordMaterializer(MessageType schema) {
        this.root = new GroupNode(null, 0, schema);
    }

    @Override
    public Group getCurrentRecord() {
        return root.current;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private static final class GroupNode extends GroupConverter {
        private final GroupNode parent;
        private final int index;
        private final CompactGroup.Shape shape;
        private final Converter[] children;
        private CompactGroup current;

        GroupNode(GroupNode parent, int index, GroupType type) {
            this.parent = parent;
            this.index = index;
            this.shape = new CompactGroup.Shape(type);
            this.children = new Converter[type.getFieldCount()];
            for (int i = 0; i < children.length; i++) {
                Type t = type.getType(i);
                children[i] = t.isPrimitive() ? new PrimitiveNode(this, i, t) : new GroupNode(this, i, t.asGroupType());
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            current = new CompactGroup(shape);
            if (parent != null) {
                parent.current.put(index, current);
            }
        }

        @Override
        public void end() {
        }
    }

    private static final class PrimitiveNode extends PrimitiveConverter {
        private final GroupNode parent;
        private final int index;
        private final boolean text;
        private Dictionary dictionary;
        private String[] decoded;

        PrimitiveNode(GroupNode parent, int index, Type type) {
            this.parent = parent;
            this.index = index;
            LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
            this.text = type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                    && (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation);
        }

        @Override
        public boolean hasDictionarySupport() {
            return text;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            this.dictionary = dictionary;
            this.decoded = new String[dictionary.getMaxId() + 1];
        }

        @Override
        public void addValueFromDictionary(int id) {
            String s = decoded[id];
            if (s == null) {
                s = dictionary.decodeToBinary(id).toStringUsingUTF8();
                decoded[id] = s;
            }
            parent.current.put(index, s);
        }

        @Override
        public void addBinary(Binary value) {
            parent.current.put(index, text ? value.toStringUsingUTF8() : value.copy());
        }

        @Override
        public void addBoolean(boolean value) {
            parent.current.put(index, value);
        }

        @Override
        public void addDouble(double value) {
            parent.current.put(index, value);
        }

        @Override
        public void addFloat(float value) {
            parent.current.put(index, value);
        }

        @Override
        public void addInt(int value) {
            parent.current.put(index, value);
        }

        @Override
        public void addLong(long value) {
            parent.current.put(index, value);
        }
    }
}
