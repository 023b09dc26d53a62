<?php
// Independent reference for the platform's canonical form, in PHP as the platform's own SDK
// builds it: json_decode into arrays, flatten to "path:value" lines (":" in keys doubled,
// booleans 1/0, null empty, floats by PHP's own (string) cast), drop frame_mode, ksort with
// SORT_NATURAL (PHP's strnatcmp, stable), join with ";".
// Reads one JSON document per line on stdin; prints each canonical string JSON-encoded per line.
function flatten(array $data, string $prefix, array &$out): void {
    foreach ($data as $key => $value) {
        if ($key === 'frame_mode') {
            continue;
        }
        $path = ($prefix === '' ? '' : $prefix . ':') . str_replace(':', '::', (string)$key);
        if (is_array($value)) {
            flatten($value, $path, $out);
        } else {
            if (is_bool($value)) {
                $value = $value ? '1' : '0';
            }
            $out[] = [$path, $path . ':' . (string)$value];
        }
    }
}
while (($line = fgets(STDIN)) !== false) {
    $data = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
    $lines = [];
    flatten($data, '', $lines);
    usort($lines, fn($a, $b) => strnatcmp($a[0], $b[0]));
    echo json_encode(implode(';', array_column($lines, 1)), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
}
